// File ▸ Reload from Disk reads a project changed by another process (here: a second
// store on the same file, as the CLI or another window would write it) and keeps the
// selection; Help ▸ Keyboard Shortcuts lists the keys of the window's commands; the other
// Help pages are in the app.
#include "checks/checkreference.h"
#include "shell/helppages.h"
#include "store/projectstore.h"
#include "support/exampleproject.h"
#include "support/projectfile.h"
#include "support/shopproject.h"
#include "ui/windowfixture.h"

#include <QDialog>
#include <QMenuBar>
#include <QTableWidget>
#include <QTextBrowser>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestReload : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { setUpWindowTests(QStringLiteral("tst_reload")); }
    void init()
    {
        QString error;
        QVERIFY2(m_f.start(&error), qPrintable(error));
    }
    void cleanup() { m_f.stop(); }
    void reloadReadsAnotherWritersChange();
    void shortcutsListComesFromTheActions();
    void helpPagesAreInTheApp();

private:
    WindowFixture m_f;
};

void TestReload::reloadReadsAnotherWritersChange()
{
    const Id mine = m_f.add(NodeKind::Api, 0, 0);
    m_f.scene()->selectNodes({ mine });
    {
        auto other = ProjectStore::open(m_f.path);
        QVERIFY2(other, qPrintable(other.error()));
        Project p = m_f.file();
        p.nodes << makeNode(NodeKind::Table, QStringLiteral("orders from the CLI"));
        QVERIFY(other.value()->replaceContents(p).ok());
    }
    QCOMPARE(m_f.document()->nodeCount(), 1); // not seen yet
    m_f.trigger("actionReload");
    QCOMPARE(m_f.document()->nodeCount(), 2);
    QVERIFY(m_f.document()->snapshot().nodeByName(QStringLiteral("orders from the CLI")));
    QCOMPARE(m_f.scene()->nodeItemCount(), 2);
    QCOMPARE(m_f.scene()->selectedNodeIds(), QList<Id> { mine }); // the selection is kept
}

void TestReload::shortcutsListComesFromTheActions()
{
    QStringList rows;
    QTimer::singleShot(100, [&rows] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        if (auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("shortcutsTable")))
            for (int r = 0; r < table->rowCount(); ++r)
                rows << table->item(r, 0)->text() + QStringLiteral(" = ") + table->item(r, 1)->text();
        dialog->reject();
    });
    QAction *open = nullptr;
    for (QAction *a : m_f.window->findChildren<QAction *>(QStringLiteral("actionShortcuts")))
        open = a;
    QVERIFY(open);
    open->trigger();
    const QString all = rows.join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QStringLiteral("Undo = Ctrl+Z")), qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("Run Selected Node = F5")), qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("Reload from Disk = Ctrl+Shift+R")), qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("Select All = Ctrl+A")), qPrintable(all));
}

// Help ▸ Getting Started (five steps, with the window's keys), Check Reference (the shipped
// docs/checks.md, compiled in) and Open Example Project.
void TestReload::helpPagesAreInTheApp()
{
    auto trigger = [this](const char *name) {
        QAction *a = m_f.window->findChild<QAction *>(QString::fromLatin1(name));
        QVERIFY2(a, name);
        a->trigger();
    };
    trigger("actionGettingStarted");
    auto *start = m_f.window->findChild<QDialog *>(QStringLiteral("gettingStartedDialog"));
    QVERIFY(start && start->isVisible());
    const QString steps = start->findChild<QTextBrowser *>(QStringLiteral("helpText"))->toPlainText();
    for (const char *step : { "Open the example", "Read a result", "Map your own system", "Write a test case",
             "Draw the journey" })
        QVERIFY2(steps.contains(QString::fromLatin1(step)), step);
    QVERIFY2(
        steps.contains(QStringLiteral("Add Test Case (Ctrl+T)")), qPrintable(steps)); // keys from the actions
    start->reject();

    trigger("actionCheckReference");
    auto *reference = m_f.window->findChild<QDialog *>(QStringLiteral("checkReferenceDialog"));
    QVERIFY(reference && reference->isVisible());
    const QString text = reference->findChild<QTextBrowser *>(QStringLiteral("helpText"))->toPlainText();
    // docs/checks.md as built in: it ends with the reference core writes (tst_checkdocs).
    QVERIFY(HelpPages::checkReferenceMarkdown().contains(checkReferenceMarkdown()));
    QVERIFY(text.contains(QStringLiteral("Check specs")));
    QVERIFY(text.contains(QStringLiteral("json_path")));
    reference->reject();

    // The example as the build installs it.
    const QString example = m_f.dir->filePath(QStringLiteral("shop.flowbench"));
    QVERIFY(writeExampleProjectFile(example).ok());
    qputenv("FLOWBENCH_EXAMPLE", QFile::encodeName(example));
    trigger("actionOpenExample");
    qunsetenv("FLOWBENCH_EXAMPLE");
    QVERIFY(m_f.document());
    QVERIFY(m_f.document()->nodeCount() > 5);
    QVERIFY(m_f.document()->filePath() != example); // a copy: the shipped one stays as it is
}

QTEST_MAIN(TestReload)
#include "tst_reload.moc"
