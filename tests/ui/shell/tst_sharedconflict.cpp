// A conflict in the window (issue 14 item 2): the dialog names the item and the field and
// shows their value and mine; Keep Theirs leaves theirs in the project and on the map,
// Apply Mine writes mine over it as an undoable edit. Against a real PostgreSQL: another
// person renames a node the window is renaming too; the window hears of the other's
// commit live, as the map would.
#undef QT_NO_CAST_FROM_ASCII
#include "dialogs/editconflictdialog.h"
#include "document/changevalue.h"
#include "document/movenodescommand.h"
#include "map/mapscene.h"
#include "map/nodeitem.h"
#include "store/projectstore.h"
#include "support/sharedprojectserver.h"
#include "support/testenv.h"
#include "ui/windowfixture.h"

#include <QLabel>
#include <QPushButton>
#include <QUndoStack>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

EditConflict sampleConflict()
{
    EditConflict c;
    c.kind = "node";
    c.id = newId();
    c.item = "Orders API";
    c.field = "owner";
    c.action = "Owner: Orders API";
    c.theirs = "payments team";
    c.mine = "checkout team";
    return c;
}

// Clicks `button` of the conflict dialog once it is shown (it runs its own event loop);
// keeps its message and a picture of it in `shot` when asked.
void clickInConflictDialog(
    const QString &button, QString *seen, QString *message = nullptr, const QString &shot = QString())
{
    QTimer::singleShot(0, [button, seen, message, shot] {
        auto *dialog = qobject_cast<EditConflictDialog *>(QApplication::activeModalWidget());
        if (!dialog) {
            clickInConflictDialog(button, seen, message, shot); // not shown yet: look again
            return;
        }
        *seen = dialog->theirsLabel()->text() + " | " + dialog->mineLabel()->text();
        if (message)
            *message = dialog->findChild<QLabel *>("conflictMessage")->text();
        if (!shot.isEmpty())
            dialog->grab().save(shot);
        if (auto *b = dialog->findChild<QPushButton *>(button))
            b->click();
        else
            dialog->reject();
    });
}
} // namespace

class TestSharedConflict : public QObject
{
    Q_OBJECT

private:
    SharedProjectServer m_pg;
    int m_projects = 0;

private slots:
    void initTestCase()
    {
        setUpWindowTests("tst_sharedconflict");
        if (!m_pg.start() && m_pg.isRequired())
            QFAIL(m_pg.whyNot());
    }
    void cleanupTestCase() { QVERIFY2(m_pg.stopIfRunning(), qPrintable(m_pg.errorString())); }

    void dialogShowsBothValues_data()
    {
        QTest::addColumn<QString>("button");
        QTest::addColumn<int>("result");
        QTest::addColumn<int>("choice");
        QTest::newRow("keep theirs") << "keepTheirsButton" << int(QDialog::Rejected)
                                     << int(EditConflictDialog::Choice::KeepTheirs);
        QTest::newRow("apply mine") << "applyMineButton" << int(QDialog::Accepted)
                                    << int(EditConflictDialog::Choice::ApplyMine);
    }
    void dialogShowsBothValues()
    {
        QFETCH(QString, button);
        QFETCH(int, result);
        QFETCH(int, choice);
        EditConflictDialog dialog(sampleConflict());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QString message = dialog.findChild<QLabel *>("conflictMessage")->text();
        QVERIFY2(message.contains("owner") && message.contains("“Orders API”"), qPrintable(message));
        QCOMPARE(dialog.theirsLabel()->text(), QStringLiteral("payments team"));
        QCOMPARE(dialog.mineLabel()->text(), QStringLiteral("checkout team"));
        QVERIFY(dialog.keepTheirsButton()->isDefault());
        const QString shot
            = QDir::temp().filePath(QStringLiteral("flowbench-tst_sharedconflict-%1-dialog.png")
                                        .arg(QCoreApplication::applicationPid()));
        QVERIFY(dialog.grab().save(shot));
        dialog.findChild<QPushButton *>(button)->click();
        QCOMPARE(dialog.result(), result);
        QCOMPARE(int(dialog.choice()), choice);
        QVERIFY(!dialog.isVisible());
    }

    // Escape never overwrites: it keeps theirs.
    void escapeKeepsTheirs()
    {
        EditConflictDialog dialog(sampleConflict());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QCOMPARE(dialog.choice(), EditConflictDialog::Choice::KeepTheirs);
    }

    void windowAsksAndDoesWhatTheButtonSays_data()
    {
        QTest::addColumn<QString>("button");
        QTest::addColumn<QString>("outcome");
        QTest::newRow("keep theirs") << "keepTheirsButton"
                                     << "Theirs";
        QTest::newRow("apply mine") << "applyMineButton"
                                    << "Mine";
    }
    void windowAsksAndDoesWhatTheButtonSays()
    {
        if (!m_pg.started())
            QSKIP(m_pg.whyNot());
        QFETCH(QString, button);
        QFETCH(QString, outcome);
        const QString project = QStringLiteral("conflict%1").arg(++m_projects);
        Project p;
        p.name = project;
        Node n;
        n.id = newId();
        n.name = "Orders API";
        n.revision = 1;
        p.nodes = { n };
        const Status written
            = ProjectStore::writeShared(ProjectLocation::parse(m_pg.url(project)).value(), p, false);
        QVERIFY2(written, qPrintable(written.error()));

        MainWindow window;
        window.resize(1000, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.documents()->openProject(m_pg.url(project)));
        ProjectDocument *doc = window.document();
        QVERIFY(doc);
        auto other = ProjectDocument::open(m_pg.url(project));
        QVERIFY2(other, qPrintable(other.error()));

        // The other person renames first; the window, not having seen it, renames too.
        other.value()->undoStack()->push(
            new ChangeValue<Node, QString>(other.value().get(), n.id, &Node::name, "Theirs", "Rename"));
        QString seen;
        clickInConflictDialog(button, &seen);
        doc->undoStack()->push(new ChangeValue<Node, QString>(doc, n.id, &Node::name, "Mine", "Rename"));
        QTRY_COMPARE_WITH_TIMEOUT(seen, QStringLiteral("Theirs | Mine"), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(doc->node(n.id)->name, outcome, 2000);
        auto stored = ProjectStore::open(m_pg.url(project));
        QVERIFY2(stored, qPrintable(stored.error()));
        QCOMPARE(stored.value()->node(n.id).value().name, outcome);
        // Mine is one undoable step; keeping theirs leaves nothing to undo.
        QCOMPARE(doc->undoStack()->count(), outcome == "Mine" ? 1 : 0);
    }

    // A move is an edit like any other: the other person moved the node the window moves
    // too (as a drag does, before it had seen theirs). The dialog shows both places; the
    // card ends where the button says, in the project and on the map.
    void moveConflictOnTheMap_data() { windowAsksAndDoesWhatTheButtonSays_data(); }
    void moveConflictOnTheMap()
    {
        if (!m_pg.started())
            QSKIP(m_pg.whyNot());
        QFETCH(QString, button);
        QFETCH(QString, outcome);
        const QString project = QStringLiteral("conflict%1").arg(++m_projects);
        Project p;
        p.name = project;
        Node n;
        n.id = newId();
        n.name = "Orders API";
        n.revision = 1;
        p.nodes = { n };
        QVERIFY(ProjectStore::writeShared(ProjectLocation::parse(m_pg.url(project)).value(), p, false).ok());

        MainWindow window;
        window.resize(1000, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.documents()->openProject(m_pg.url(project)));
        ProjectDocument *doc = window.document();
        QVERIFY(doc);
        auto other = ProjectDocument::open(m_pg.url(project));
        QVERIFY2(other, qPrintable(other.error()));
        other.value()->undoStack()->push(new MoveNodesCommand(
            other.value().get(), { { n.id, 0, 0, false } }, { { n.id, 300, 200, false } }));

        QString seen, message;
        const QString shot = QDir::temp().filePath(QStringLiteral("flowbench-tst_sharedconflict-%1-move.png")
                                                       .arg(QCoreApplication::applicationPid()));
        clickInConflictDialog(button, &seen, &message, shot);
        doc->undoStack()->push(
            new MoveNodesCommand(doc, { { n.id, 0, 0, false } }, { { n.id, 50, 40, false } }));
        QTRY_COMPARE_WITH_TIMEOUT(seen, QStringLiteral("(300, 200) | (50, 40)"), 5000);
        QVERIFY2(message.contains("position of node “Orders API”"), qPrintable(message));
        const QPointF expected = outcome == "Mine" ? QPointF(50, 40) : QPointF(300, 200);
        QTRY_COMPARE_WITH_TIMEOUT(window.mapScene()->nodeItem(n.id)->pos(), expected, 2000);
        auto stored = ProjectStore::open(m_pg.url(project));
        QVERIFY2(stored, qPrintable(stored.error()));
        const Node now = stored.value()->node(n.id).value();
        QCOMPARE(QPointF(now.x, now.y), expected);
        QCOMPARE(doc->undoStack()->count(), outcome == "Mine" ? 1 : 0);
    }
};

QTEST_MAIN(TestSharedConflict)
#include "tst_sharedconflict.moc"
