// File ▸ Import… of a newer spec into the open project: the preview dialog shows the plan
// (counts per kind, each changed row opening to its fields, removed items with the choice
// to delete them, off by default); Cancel changes nothing; Apply is one undo step.
#undef QT_NO_CAST_FROM_ASCII
#include "dialogs/reimportpreviewdialog.h"
#include "document/projectdocument.h"
#include "io/formatregistry.h"
#include "shell/importexportactions.h"
#include "support/projectfile.h"

#include <QApplication>
#include <QCheckBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>
#include <QtTest>

using namespace flowbench;

namespace {

QTreeWidgetItem *group(QTreeWidget *tree, const QString &title)
{
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        if (tree->topLevelItem(i)->text(0) == title)
            return tree->topLevelItem(i);
    return nullptr;
}

QTreeWidgetItem *child(QTreeWidgetItem *parent, const QString &name)
{
    for (int i = 0; parent && i < parent->childCount(); ++i)
        if (parent->child(i)->text(0) == name)
            return parent->child(i);
    return nullptr;
}

} // namespace

class TestReimportPreviewDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void dialogShowsThePlan();
    void cancelChangesNothing();
    void applyIsOneUndoStepAndCanDelete();

private:
    // Runs `inDialog` on the preview dialog once it is shown, then imports v2.
    Result<std::optional<ImportReport>> importV2(std::function<void(ReimportPreviewDialog *)> inDialog);

    QTemporaryDir *m_dir = nullptr;
    QString m_path;
    std::unique_ptr<ProjectDocument> m_doc;
    std::unique_ptr<QWidget> m_window;
    ImportExportActions *m_actions = nullptr;
    const Importer *m_openapi = nullptr;
};

void TestReimportPreviewDialog::init()
{
    m_dir = new QTemporaryDir;
    m_path = m_dir->filePath("pets.flowbench");
    auto doc = ProjectDocument::create(m_path, "Pets");
    QVERIFY2(doc.ok(), qPrintable(doc.error()));
    m_doc = std::move(doc.value());
    m_window = std::make_unique<QWidget>();
    m_actions = new ImportExportActions(
        m_window.get(), [this] { return m_doc.get(); }, [](const QString &) { return success(); });
    m_openapi = FormatRegistry::instance().importer("openapi");
    QVERIFY(m_openapi);
    const Result<ImportReport> v1 = m_actions->importFile(
        QFINDTESTDATA("data/reimport/openapi-v1.yaml"), *m_openapi, ImportExportActions::Target::OpenProject);
    QVERIFY2(v1.ok(), qPrintable(v1.error()));
    QCOMPARE(m_doc->snapshot().testCases.size(), 4);
}

void TestReimportPreviewDialog::cleanup()
{
    m_window.reset();
    m_doc.reset();
    delete m_dir;
    m_dir = nullptr;
}

Result<std::optional<ImportReport>> TestReimportPreviewDialog::importV2(
    std::function<void(ReimportPreviewDialog *)> inDialog)
{
    bool seen = false;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<ReimportPreviewDialog *>(QApplication::activeModalWidget());
        if (!dialog) {
            for (QWidget *w : QApplication::topLevelWidgets())
                if (auto *d = qobject_cast<ReimportPreviewDialog *>(w); d && d->isVisible())
                    dialog = d;
        }
        if (!dialog)
            return;
        seen = true;
        inDialog(dialog);
        if (!qEnvironmentVariableIsEmpty("REIMPORT_PREVIEW_PNG"))
            dialog->grab().save(qEnvironmentVariable("REIMPORT_PREVIEW_PNG"));
        // A failed QVERIFY leaves inDialog early: the dialog must still close.
        if (dialog->isVisible())
            dialog->reject();
    });
    auto result = m_actions->importWithPreview(QFINDTESTDATA("data/reimport/openapi-v2.yaml"), *m_openapi);
    if (!seen)
        return Result<std::optional<ImportReport>>::failure("the preview dialog was not shown");
    return result;
}

void TestReimportPreviewDialog::dialogShowsThePlan()
{
    const auto done = importV2([](ReimportPreviewDialog *dialog) {
        QTreeWidget *tree = dialog->tree();
        QTreeWidgetItem *cases = group(tree, "Test cases");
        QVERIFY(cases);
        QCOMPARE(cases->text(1), QString("1 added, 3 changed, 1 removed, 0 untouched"));
        QVERIFY(child(cases, "GET /owners smoke"));
        QCOMPARE(child(cases, "DELETE /pets/{petId} smoke")->text(1), QString("removed"));
        QTreeWidgetItem *changedCase = child(cases, "POST /pets smoke");
        QVERIFY(changedCase && changedCase->childCount() > 0);
        QVERIFY2(changedCase->child(0)->text(0).startsWith("step \"POST /pets\": spec.body: "),
            qPrintable(changedCase->child(0)->text(0)));
        QTreeWidgetItem *checks = group(tree, "Checks");
        QTreeWidgetItem *show = child(checks, "GET /pets/{petId} (in GET /pets/{petId} smoke)");
        QVERIFY(show);
        QStringList fields;
        for (int i = 0; i < show->childCount(); ++i)
            fields << show->child(i)->text(0);
        QVERIFY2(fields.contains("spec.url: \"{{base_url}}/pets/1\" → \"{{base_url}}/pets/7\""),
            qPrintable(fields.join('\n')));
        QVERIFY(dialog->deleteRemovedBox()->isVisibleTo(dialog));
        QVERIFY(!dialog->deleteRemovedBox()->isChecked()); // keep, marked for review
    });
    QVERIFY2(done.ok(), qPrintable(done.error()));
}

void TestReimportPreviewDialog::cancelChangesNothing()
{
    const Project before = testing::reopenProject(m_path);
    const int steps = m_doc->undoStack()->count();
    const auto done = importV2([](ReimportPreviewDialog *dialog) { dialog->reject(); });
    QVERIFY2(done.ok(), qPrintable(done.error()));
    QVERIFY(!done->has_value());
    QCOMPARE(m_doc->undoStack()->count(), steps);
    const Project after = testing::reopenProject(m_path);
    QCOMPARE(after.testCases, before.testCases);
    QCOMPARE(after.nodes, before.nodes);
}

void TestReimportPreviewDialog::applyIsOneUndoStepAndCanDelete()
{
    const Project before = testing::reopenProject(m_path);
    const int steps = m_doc->undoStack()->count();
    const auto done = importV2([](ReimportPreviewDialog *dialog) {
        dialog->deleteRemovedBox()->setChecked(true);
        dialog->findChild<QPushButton *>("applyButton")->click();
    });
    QVERIFY2(done.ok(), qPrintable(done.error()));
    QVERIFY(done->has_value());
    QCOMPARE(m_doc->undoStack()->count(), steps + 1);
    Project after = testing::reopenProject(m_path);
    QCOMPARE(after.testCases.size(), 4);
    QVERIFY(!after.nodeByName("DELETE /pets/{petId}"));
    QVERIFY(after.nodeByName("GET /owners"));
    m_doc->undoStack()->undo();
    after = testing::reopenProject(m_path);
    QCOMPARE(after.testCases.size(), before.testCases.size());
    QVERIFY(after.nodeByName("DELETE /pets/{petId}"));
    QVERIFY(!after.nodeByName("GET /owners"));
}

QTEST_MAIN(TestReimportPreviewDialog)
#include "tst_reimportpreviewdialog.moc"
