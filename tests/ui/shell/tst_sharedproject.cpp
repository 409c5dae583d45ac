// A shared project in the window (issue 14 item 1): File ▸ Open Shared Project… takes a
// URL and a password reference, says which part of a bad URL is wrong, offers recent
// shared projects (kept with their reference, never a password); the window's title
// names the shared project; a role that may only read gets a read-only window. When the
// server goes away (issue 14 item 5) a banner above the map says so and the edit actions
// are off; when it is back the banner goes and the status bar says reconnected.
#undef QT_NO_CAST_FROM_ASCII
#include "dialogs/opensharedprojectdialog.h"
#include "document/changevalue.h"
#include "document/storeconnection.h"
#include "shell/offlinebanner.h"
#include "store/projectstore.h"
#include "support/exampleproject.h"
#include "support/sharedprojectserver.h"
#include "support/testenv.h"
#include "ui/windowfixture.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStatusBar>
#include <QUndoStack>

using namespace flowbench;
using namespace flowbench::testing;

namespace {
} // namespace

class TestSharedProject : public QObject
{
    Q_OBJECT

private:
    SharedProjectServer m_pg;
    std::unique_ptr<MainWindow> m_window;

    static QString screenshotPath(const QString &name)
    {
        return QDir::temp().filePath(QStringLiteral("flowbench-tst_sharedproject-%1-%2.png")
                                         .arg(QCoreApplication::applicationPid())
                                         .arg(name));
    }

private slots:
    void initTestCase()
    {
        setUpWindowTests("tst_sharedproject");
        if (!m_pg.start() && m_pg.isRequired())
            QFAIL(m_pg.whyNot());
    }
    void cleanupTestCase()
    {
        m_window.reset();
        QVERIFY2(m_pg.stopIfRunning(), qPrintable(m_pg.errorString()));
    }

    void dialogSaysWhatIsWrong()
    {
        OpenSharedProjectDialog dialog(
            { "postgresql://ana@db.example.com:5432/teams?project=shop&password_ref=${keychain:pg-team}",
                "/home/qa/not-shared.flowbench" });
        dialog.resize(560, 320);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QPushButton *open = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Open);
        // The recent shared project fills both fields; a file in the list is not offered.
        QCOMPARE(dialog.recentList()->count(), 1);
        QCOMPARE(dialog.urlField()->text(),
            QStringLiteral("postgresql://ana@db.example.com:5432/teams?project=shop"));
        QCOMPARE(dialog.passwordRefField()->text(), QStringLiteral("${keychain:pg-team}"));
        QVERIFY(open->isEnabled());
        QCOMPARE(dialog.location().passwordRef(), QStringLiteral("${keychain:pg-team}"));

        dialog.urlField()->setText("postgresql://ana@db.example.com:5432/teams");
        QVERIFY(!open->isEnabled());
        QVERIFY(dialog.problemLabel()->isVisible());
        QVERIFY2(dialog.problemLabel()->text().contains("project: missing"),
            qPrintable(dialog.problemLabel()->text()));
        QVERIFY(dialog.grab().save(screenshotPath("dialog-bad-url")));

        dialog.urlField()->setText("postgresql://ana@db.example.com:5432/teams?project=shop");
        dialog.passwordRefField()->setText("hunter2");
        QVERIFY(!open->isEnabled());
        QVERIFY2(dialog.problemLabel()->text().contains("never the password itself"),
            qPrintable(dialog.problemLabel()->text()));
        dialog.passwordRefField()->setText("${env:FB_PG}");
        QVERIFY(open->isEnabled());
        QVERIFY(!dialog.problemLabel()->isVisible());
        QVERIFY(dialog.grab().save(screenshotPath("dialog")));
    }

    void sharedProjectOpensInTheWindow()
    {
        if (!m_pg.started())
            QSKIP(m_pg.whyNot());
        const Status pushed = ProjectStore::writeShared(
            ProjectLocation::parse(m_pg.url("shop")).value(), exampleProject().value(), false);
        QVERIFY2(pushed, qPrintable(pushed.error()));
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1200, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        const QString withRef = m_pg.url("shop");
        QVERIFY(m_window->documents()->openProject(withRef));
        ProjectDocument *doc = m_window->document();
        QVERIFY(doc);
        QVERIFY(doc->location().isShared());
        QVERIFY(doc->nodeCount() > 3);
        QVERIFY2(m_window->windowTitle().contains(" — shop on 127.0.0.1/flowbench — "),
            qPrintable(m_window->windowTitle()));
        QVERIFY(!doc->isReadOnly());
        // An edit lands in the database.
        Node n = *doc->node(doc->nodes().first().id);
        n.name = "renamed in the window";
        QVERIFY(doc->updateNode(n).ok());
        auto other = ProjectStore::open(withRef);
        QVERIFY2(other, qPrintable(other.error()));
        QCOMPARE(other.value()->node(n.id).value().name, QStringLiteral("renamed in the window"));
        QVERIFY(m_window->grab().save(screenshotPath("window")));

        // Remembered with its reference, never the password.
        QCOMPARE(m_window->documents()->recentSharedProjects().value(0), withRef);
        QVERIFY(!QSettings().allKeys().isEmpty());
        for (const QString &key : QSettings().allKeys())
            QVERIFY2(
                !QSettings().value(key).toString().contains(SharedProjectServer::kPassword), qPrintable(key));
        // Reopening keeps the reference (File ▸ Reload).
        QVERIFY2(m_window->documents()->reload().ok(), "reload of a shared project");
        QVERIFY(m_window->document()->location().isShared());
    }

    void readOnlyRoleGetsAReadOnlyWindow()
    {
        if (!m_pg.started())
            QSKIP(m_pg.whyNot());
        QVERIFY(m_window);
        QVERIFY2(m_pg.exec("CREATE ROLE reviewer LOGIN PASSWORD 'team-pw';"
                           "GRANT USAGE ON SCHEMA fb_shop TO reviewer;"
                           "GRANT SELECT ON ALL TABLES IN SCHEMA fb_shop TO reviewer;",
                     "flowbench"),
            qPrintable(m_pg.errorString()));
        QVERIFY(m_window->documents()->openProject(m_pg.url("shop", "reviewer")));
        QVERIFY(m_window->document()->isReadOnly());
        QVERIFY2(m_window->windowTitle().contains("[read-only]"), qPrintable(m_window->windowTitle()));
        QVERIFY(m_window->grab().save(screenshotPath("read-only")));
    }

    void offlineBannerWhileTheServerIsAway()
    {
        if (!m_pg.started())
            QSKIP(m_pg.whyNot());
        QVERIFY(m_window);
        QVERIFY(m_window->documents()->openProject(m_pg.url("shop")));
        m_window->resize(1366, 768);
        ProjectDocument *doc = m_window->document();
        doc->connection()->setProbeInterval(200);
        doc->connection()->setRetryDelays(200, 1000);
        OfflineBanner *banner = m_window->offlineBanner();
        QAction *remove = m_window->action("actionDelete");
        QAction *undo = m_window->action("actionUndo");
        doc->undoStack()->push(new ChangeValue<Node, QString>(
            doc, doc->nodes().first().id, &Node::name, "renamed before the server went", "Rename"));
        QCOMPARE(doc->undoStack()->count(), 1);
        QVERIFY(undo->isEnabled());
        QVERIFY(!banner->isVisible());
        QVERIFY(remove->isEnabled());

        QVERIFY2(m_pg.stop(), qPrintable(m_pg.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 5000);
        QVERIFY2(banner->text().contains(QString("127.0.0.1:%1 cannot be reached since").arg(m_pg.port()))
                && banner->text().contains("Reading works; edits are refused. Reconnecting"),
            qPrintable(banner->text()));
        QVERIFY(!remove->isEnabled());
        QVERIFY(!m_window->action("actionPaste")->isEnabled());
        QVERIFY(m_window->action("actionFind")->isEnabled()); // looking still works
        QVERIFY(!undo->isEnabled());
        QVERIFY(m_window->mapScene()->items().size() > 3); // the map still shows
        const QString shot = screenshotPath("offline");
        QVERIFY(m_window->grab().save(shot));
        qInfo("offline window: %s", qPrintable(shot));

        QVERIFY2(m_pg.startAgain(), qPrintable(m_pg.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 15000);
        QVERIFY(remove->isEnabled());
        QVERIFY(undo->isEnabled()); // the rename before the outage still undoes
        QVERIFY2(m_window->statusBar()->currentMessage().startsWith("Reconnected to 127.0.0.1:"),
            qPrintable(m_window->statusBar()->currentMessage()));
    }
};

QTEST_MAIN(TestSharedProject)
#include "tst_sharedproject.moc"
