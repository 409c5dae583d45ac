// File ▸ Export ▸ Map…, Report… and Other Formats… in the window, driven through their
// real dialogs: the run picked for a report, the scope and scale of a map image, and the
// status bar message when the pixel cap lowers a PNG's scale.
#include "../screenshots.h"
#include "../windowfixture.h"
#include "document/projectdocument.h"
#include "map/export/mapimage.h"
#include "report/reportexportaction.h"
#include "store/projectstore.h"
#include "support/reportfixture.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QImageReader>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QStatusBar>
#include <QTreeWidget>
#include <functional>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

// Runs `act` on the next modal dialog of type D once it is open (a dialog runs its own
// event loop, so the action that opens one returns only after it closed). Bounded: after
// about 10 s the open dialog is cancelled and the test's own checks fail.
// With `name`, only a dialog of that object name.
template <typename D> void whenOpen(std::function<void(D *)> act, const QString &name = QString())
{
    auto tries = std::make_shared<int>(0);
    auto poll = std::make_shared<std::function<void()>>();
    *poll = [act, tries, poll, name] {
        auto *d = qobject_cast<D *>(QApplication::activeModalWidget());
        if (d && d->isVisible() && (name.isEmpty() || d->objectName() == name)) {
            act(d);
            return;
        }
        if (++*tries < 500) {
            QTimer::singleShot(20, *poll);
            return;
        }
        // Not seen in time: close what is open, so the test goes on to fail its checks.
        if (QWidget *open = QApplication::activeModalWidget()) {
            qWarning("expected dialog %s not seen; closing %s %s", qPrintable(name),
                open->metaObject()->className(), qPrintable(open->objectName()));
            if (auto *dialog = qobject_cast<QDialog *>(open))
                dialog->reject();
        }
    };
    QTimer::singleShot(20, *poll);
}

// Answers the save dialog with `path`.
void saveAs(const QString &path)
{
    whenOpen<QFileDialog>([path](QFileDialog *d) {
        d->setOption(QFileDialog::DontConfirmOverwrite); // /dev/full: no question first
        d->selectFile(path);
        // Opened again on the same folder, selectFile() can leave the name field empty:
        // typed there instead, as a person would.
        if (d->selectedFiles().value(0) != path)
            if (auto *name = d->findChild<QLineEdit *>(QStringLiteral("fileNameEdit")))
                name->setText(QFileInfo(path).fileName());
        static_cast<QDialog *>(d)->accept(); // QFileDialog's own is protected
    });
}

// The map export choices: scope by its data, PNG scale; OK. `offered` gets the scopes.
void choose(MapImageOptions::Scope scope, double scale, QList<int> *offered = nullptr, bool ok = true)
{
    whenOpen<QDialog>(
        [=](QDialog *d) {
            auto *scopes = d->findChild<QComboBox *>(QStringLiteral("scope"));
            auto *scales = d->findChild<QDoubleSpinBox *>(QStringLiteral("scale"));
            if (!scopes) {
                d->reject();
                return;
            }
            if (offered)
                for (int i = 0; i < scopes->count(); ++i)
                    *offered << scopes->itemData(i).toInt();
            scopes->setCurrentIndex(scopes->findData(int(scope)));
            if (scales) // none when printing
                scales->setValue(scale);
            ok ? d->accept() : d->reject();
        },
        QStringLiteral("mapExportChoices"));
}

} // namespace

class ExportMenuTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpWindowTests(QStringLiteral("tst_exportmenu")); }
    void init()
    {
        QString error;
        QVERIFY2(m_f.start(&error), qPrintable(error));
    }
    void cleanup() { m_f.stop(); }

    void exportIsASubmenuAndReportNeedsARun()
    {
        QMenu *exportMenu = m_f.window->action(QStringLiteral("actionExportMenu"))->menu();
        QVERIFY(exportMenu);
        QStringList names;
        for (QAction *a : exportMenu->actions())
            if (!a->isSeparator())
                names << a->objectName();
        QCOMPARE(names,
            QStringList({ QStringLiteral("actionExportMap"), QStringLiteral("actionExportReport"),
                QStringLiteral("actionExport") }));
        // The keys and names tests and users rely on stay.
        QCOMPARE(
            m_f.window->action(QStringLiteral("actionPrint"))->shortcut(), QKeySequence(QKeySequence::Print));
        QAction *report = m_f.window->action(QStringLiteral("actionExportReport"));
        QVERIFY(!report->isEnabled()); // a new project has no run
        QVERIFY2(report->toolTip().contains(QLatin1String("no run")), qPrintable(report->toolTip()));
    }

    // Two stored runs; the older is picked: its id and counts are in the report, the
    // newer's are not.
    void reportOfTheOlderRun()
    {
        const ReportFixture fixture = makeReportFixture();
        const QString projectPath = m_f.dir->filePath(QStringLiteral("shop.flowbench"));
        Run older = fixture.run;
        older.id = QStringLiteral("00000000-0000-0000-0000-00000000e000");
        older.startedAt = older.startedAt.addDays(-1);
        older.finishedAt = older.finishedAt.addDays(-1);
        older.passed = int(fixture.results.size());
        older.failed = older.errors = older.skipped = 0;
        older.startedBy = QStringLiteral("ana");
        {
            auto store = ProjectStore::create(projectPath, fixture.project.name);
            QVERIFY2(store, qPrintable(store.error()));
            QVERIFY(store.value()->replaceContents(fixture.project));
            QList<CheckResult> passed;
            for (CheckResult r : fixture.results) {
                r.id = QStringLiteral("00000000-0000-0000-0002-") + r.id.right(12);
                r.runId = older.id;
                r.status = ResultStatus::Pass;
                r.message.clear();
                passed << r;
            }
            QVERIFY(store.value()->addRun(older, passed));
            QVERIFY(store.value()->addRun(fixture.run, fixture.results));
        }
        QVERIFY(m_f.window->documents()->openProjectFile(projectPath));
        QAction *report = m_f.window->action(QStringLiteral("actionExportReport"));
        QVERIFY(report->isEnabled());
        m_f.window->resize(1366, 768);
        shootExportMenu();
        if (QTest::currentTestFailed())
            return;

        const QString html = m_f.dir->filePath(QStringLiteral("older.html"));
        QStringList listed;
        whenOpen<ReportRunDialog>([&](ReportRunDialog *d) {
            QTreeWidget *runs = d->runList();
            for (int i = 0; i < runs->topLevelItemCount(); ++i)
                listed << runs->topLevelItem(i)->data(0, Qt::UserRole).toString() + QLatin1Char(' ')
                        + runs->topLevelItem(i)->text(6);
            listed << d->selectedRunId();
            m_shots.grab(d, QStringLiteral("report-dialog"));
            runs->setCurrentItem(runs->topLevelItem(runs->topLevelItemCount() - 1));
            saveAs(html);
            d->accept();
        });
        report->trigger();
        // Newest first, the newest selected; who started it shown.
        QCOMPARE(listed,
            QStringList({ fixture.run.id + QLatin1Char(' ') + fixture.run.startedBy,
                older.id + QStringLiteral(" ana"), fixture.run.id }));
        QFile file(html);
        QVERIFY2(file.open(QIODevice::ReadOnly), "no report written");
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.contains(older.id));
        QVERIFY(!text.contains(fixture.run.id));
        QVERIFY(text.contains(QLatin1String("This is the first run")));
        QVERIFY(text.contains(QLatin1String("Failed and errored checks (0)")));
        QVERIFY2(m_f.window->statusBar()->currentMessage().contains(QLatin1String("older.html")),
            qPrintable(m_f.window->statusBar()->currentMessage()));
        QCOMPARE(QSettings().value(QStringLiteral("export/reportFolder")).toString(), m_f.dir->path());

        // A file that cannot be written (a full disk): an error naming it, nothing in the
        // status bar.
        const QString blocked = QStringLiteral("/dev/full");
        QString shown;
        whenOpen<ReportRunDialog>([&](ReportRunDialog *d) {
            saveAs(blocked);
            whenOpen<QMessageBox>([&](QMessageBox *box) {
                shown = box->text();
                box->accept();
            });
            d->accept();
        });
        m_f.window->statusBar()->clearMessage();
        report->trigger();
        QVERIFY2(shown.contains(blocked),
            qPrintable(shown + QStringLiteral(" | ") + m_f.window->statusBar()->currentMessage()));
        QVERIFY(m_f.window->statusBar()->currentMessage().isEmpty());
    }

    // The scope and scale chosen in the dialog are the image's: the visible area at the
    // view's size, half the pixels each way at 0.5, the selection only when there is one.
    void mapDialogScopeAndScale()
    {
        m_f.add(NodeKind::Api, 0, 0);
        m_f.add(NodeKind::Table, 2400, 1600); // the whole map is bigger than the view
        m_f.scene()->clearSelection(); // a new node is selected
        QTest::qWait(100); // the view's own deferred fit, if any
        m_f.view()->resetZoom();
        m_f.view()->centerOn(0, 0);
        QCoreApplication::processEvents();
        QAction *exportMap = m_f.window->action(QStringLiteral("actionExportMap"));
        MapImageOptions visible;
        visible.scope = MapImageOptions::Scope::Visible;
        visible.visibleRect = m_f.view()->mapToScene(m_f.view()->viewport()->rect()).boundingRect();
        const QSizeF page = mapPageSize(m_f.scene(), visible);

        const QString one = m_f.dir->filePath(QStringLiteral("visible.png"));
        QList<int> offered;
        saveAs(one);
        QTimer::singleShot(0, [&] { choose(MapImageOptions::Scope::Visible, 1, &offered); });
        exportMap->trigger();
        QCOMPARE(offered,
            QList<int>({ int(MapImageOptions::Scope::Whole), int(MapImageOptions::Scope::Visible) }));
        const QSize oneSize = QImageReader(one).size();
        QCOMPARE(m_f.view()->mapToScene(m_f.view()->viewport()->rect()).boundingRect(), visible.visibleRect);
        QCOMPARE(oneSize, page.toSize());
        QVERIFY(oneSize.width() >= visible.visibleRect.width());
        QVERIFY(oneSize.width() < 2400); // not the whole map
        QVERIFY2(m_f.window->statusBar()->currentMessage().contains(QLatin1String("visible.png")),
            qPrintable(m_f.window->statusBar()->currentMessage()));

        const QString half = m_f.dir->filePath(QStringLiteral("half.png"));
        saveAs(half);
        QTimer::singleShot(0, [&] { choose(MapImageOptions::Scope::Visible, 0.5); });
        exportMap->trigger();
        const QSize halfSize = QImageReader(half).size();
        QVERIFY2(qAbs(halfSize.width() * 2 - oneSize.width()) <= 2
                && qAbs(halfSize.height() * 2 - oneSize.height()) <= 2,
            qPrintable(QStringLiteral("%1×%2 at 0.5, %3×%4 at 1")
                           .arg(halfSize.width())
                           .arg(halfSize.height())
                           .arg(oneSize.width())
                           .arg(oneSize.height())));

        // With a node selected the selection is offered.
        m_f.scene()->selectNodes({ m_f.document()->snapshot().nodes.first().id });
        offered.clear();
        saveAs(m_f.dir->filePath(QStringLiteral("cancelled.png")));
        QTimer::singleShot(0, [&] { choose(MapImageOptions::Scope::Whole, 1, &offered, false); });
        exportMap->trigger();
        QVERIFY(offered.contains(int(MapImageOptions::Scope::Selection)));
        QVERIFY(!QFile::exists(m_f.dir->filePath(QStringLiteral("cancelled.png"))));
    }

    // Print… asks what to print first: the visible area too, the selection only with one.
    // Cancelled there, no print dialog follows.
    void printOffersTheVisibleArea()
    {
        m_f.add(NodeKind::Api, 0, 0);
        m_f.scene()->clearSelection();
        QList<int> offered;
        bool printDialogShown = false;
        choose(MapImageOptions::Scope::Visible, 1, &offered, false);
        QTimer guard; // a print dialog that should not have opened is closed, and counted
        guard.setSingleShot(true);
        connect(&guard, &QTimer::timeout, [&] {
            if (auto *d = qobject_cast<QDialog *>(QApplication::activeModalWidget())) {
                printDialogShown = true;
                d->reject();
            }
        });
        guard.start(11000); // after choose()'s own bound
        m_f.trigger("actionPrint");
        QCOMPARE(offered,
            QList<int>({ int(MapImageOptions::Scope::Whole), int(MapImageOptions::Scope::Visible) }));
        QVERIFY(!printDialogShown);
    }

    // The whole of a big map at 4 ×: written at a lower scale, and the status bar says so.
    void pixelCapIsSaid()
    {
        m_f.add(NodeKind::Api, 0, 0);
        m_f.add(NodeKind::Table, 2600, 1800);
        const QString png = m_f.dir->filePath(QStringLiteral("big.png"));
        saveAs(png);
        QTimer::singleShot(0, [&] { choose(MapImageOptions::Scope::Whole, 4); });
        m_f.trigger("actionExportMap");
        const QString message = m_f.window->statusBar()->currentMessage();
        QVERIFY2(message.contains(QLatin1String("not 4")), qPrintable(message));
        const QSize size = QImageReader(png).size();
        QVERIFY(size.isValid());
        QVERIFY(size.width() * double(size.height()) <= kMapPngMaxPixels * 1.001); // rounded
        QVERIFY(size.width() * double(size.height()) > kMapPngMaxPixels * 0.99);
    }

private:
    // For a person to look at (FLOWBENCH_KEEP_SCREENSHOTS=1): File ▸ Export open, the
    // popups drawn over the window where they are.
    void shootExportMenu()
    {
        QMenuBar *bar = m_f.window->menuBar();
        QMenu *file = bar->actions().first()->menu();
        QMenu *exportMenu = m_f.window->action(QStringLiteral("actionExportMenu"))->menu();
        file->popup(bar->mapToGlobal(bar->actionGeometry(bar->actions().first()).bottomLeft()));
        QVERIFY(QTest::qWaitForWindowExposed(file, 5000));
        const QRect at = file->actionGeometry(exportMenu->menuAction());
        exportMenu->popup(file->mapToGlobal(at.topRight()));
        QVERIFY(QTest::qWaitForWindowExposed(exportMenu, 5000));
        QImage shot = m_f.window->grab().toImage();
        {
            QPainter p(&shot);
            const QPoint origin = m_f.window->mapToGlobal(QPoint());
            for (QMenu *m : { file, exportMenu })
                p.drawImage(m->mapToGlobal(QPoint()) - origin, m->grab().toImage());
        }
        QVERIFY(m_shots.save(shot, QStringLiteral("file-export-menu")));
        exportMenu->close();
        file->close();
    }

    WindowFixture m_f;
    Screenshots m_shots;
};

QTEST_MAIN(ExportMenuTest)
#include "tst_exportmenu.moc"
