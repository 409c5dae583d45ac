// Who and when in the window (issue 14 items 3 and 6), on a shared project in a real
// PostgreSQL: History… of a node lists who changed what, newest first, including its test
// cases and comments, and updates as others' edits arrive; a test case has its own; a node
// nobody changed says so. A role given the README's comment-only grants gets the banner
// "role … may read and comment, not edit", may post a comment (signed with its name), and
// sees the others in the status bar ("Also here: alice").
#undef QT_NO_CAST_FROM_ASCII
#include "dialogs/historydialog.h"
#include "document/changevalue.h"
#include "document/movenodescommand.h"
#include "panels/commentspanel.h"
#include "shell/presencelabel.h"
#include "shell/readonlybanner.h"
#include "store/projectstore.h"
#include "support/exampleproject.h"
#include "support/sharedprojectserver.h"
#include "support/testenv.h"
#include "ui/screenshots.h"
#include "ui/windowfixture.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QTreeWidget>

using namespace flowbench;
using namespace flowbench::testing;

namespace {
// README.md, "Reviewers who may comment", for the project fb_shop.
const char kCommentOnlySql[]
    = "CREATE ROLE commenter LOGIN PASSWORD 'team-pw';\n"
      "GRANT CONNECT ON DATABASE flowbench TO commenter;\n"
      "GRANT USAGE ON SCHEMA fb_shop TO commenter;\n"
      "GRANT SELECT ON ALL TABLES IN SCHEMA fb_shop TO commenter;\n"
      "GRANT INSERT, UPDATE, DELETE ON fb_shop.comments, fb_shop.presence TO commenter;\n"
      "GRANT INSERT ON fb_shop.edit_log TO commenter;\n"
      "GRANT USAGE ON ALL SEQUENCES IN SCHEMA fb_shop TO commenter;\n";

template <typename Check> bool waitFor(Check check, int boundMs)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < boundMs) {
        if (check())
            return true;
        QTest::qWait(20);
    }
    return check();
}

QStringList rows(QTreeWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        out << list->topLevelItem(i)->text(1) + " | " + list->topLevelItem(i)->text(2);
    return out;
}
} // namespace

class TestHistoryView : public QObject
{
    Q_OBJECT

private:
    SharedProjectServer m_pg;
    Screenshots m_shots;

private slots:
    void initTestCase()
    {
        setUpWindowTests("tst_historyview");
        qputenv("FLOWBENCH_PRESENCE_INTERVAL_MS", "200");
        if (!m_pg.start() && m_pg.isRequired())
            QFAIL(m_pg.whyNot());
    }
    void cleanupTestCase() { QVERIFY2(m_pg.stopIfRunning(), qPrintable(m_pg.errorString())); }

    void historyAndCommentOnlyRoleInTheWindow()
    {
        if (!m_pg.started())
            QSKIP(m_pg.whyNot());
        const Status pushed = ProjectStore::writeShared(
            ProjectLocation::parse(m_pg.url("shop")).value(), exampleProject().value(), false);
        QVERIFY2(pushed, qPrintable(pushed.error()));
        QVERIFY2(m_pg.exec(kCommentOnlySql, "flowbench"), qPrintable(m_pg.errorString()));

        // Alice edits a node and one of its test cases from her own client.
        auto opened = ProjectDocument::open(m_pg.url("shop"));
        QVERIFY2(opened, qPrintable(opened.error()));
        std::unique_ptr<ProjectDocument> alice = std::move(opened).value();
        alice->setAuthor("alice");
        Id nodeId, untouched;
        for (const Node &n : alice->nodes())
            (alice->testCaseCount(n.id) > 0 && nodeId.isEmpty() ? nodeId : untouched) = n.id;
        QVERIFY(!nodeId.isEmpty() && !untouched.isEmpty());
        const QString name = alice->node(nodeId)->name;
        const TestCase testCase = alice->testCasesOfNode(nodeId).first();
        alice->undoStack()->push(
            new ChangeValue<Node, QString>(alice.get(), nodeId, &Node::owner, "team-payments", "Owner"));
        alice->undoStack()->push(new ChangeValue<TestCase, QString>(
            alice.get(), testCase.id, &TestCase::title, testCase.title + " (v2)", "Title"));

        // The reviewer opens it with the comment-only role.
        MainWindow window;
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.documents()->openProject(m_pg.url("shop", "commenter")));
        ProjectDocument *doc = window.document();
        QVERIFY(doc && doc->isReadOnly() && doc->canComment());
        QVERIFY(window.readOnlyBanner()->isVisible());
        QVERIFY2(window.readOnlyBanner()->text().contains(
                     "<b>Read-only:</b> role commenter may read and comment, not edit."),
            qPrintable(window.readOnlyBanner()->text()));
        auto *presence = window.findChild<PresenceLabel *>("presenceLabel");
        QVERIFY(presence);
        QVERIFY2(waitFor([&] { return presence->text() == "Also here: alice"; }, 2000),
            qPrintable(presence->text()));
        QVERIFY(presence->toolTip().startsWith("alice on "));

        // History… of the node: Alice's lines, newest first.
        HistoryDialog *history = HistoryDialog::showFor(doc, nodeId, &window);
        QVERIFY(QTest::qWaitForWindowExposed(history));
        QCOMPARE(rows(history->list()).value(0),
            QStringLiteral("alice | Test case “%1 (v2)”: Title: '%1' → '%1 (v2)'").arg(testCase.title));
        QVERIFY2(rows(history->list()).value(1).startsWith("alice | Owner: '"),
            qPrintable(rows(history->list()).join('\n')));
        QVERIFY(rows(history->list()).value(1).endsWith("' → 'team-payments'"));
        QCOMPARE(history->list()->topLevelItemCount(), 2);

        // Alice renames it: the open history shows it on top as it arrives.
        alice->undoStack()->push(
            new ChangeValue<Node, QString>(alice.get(), nodeId, &Node::name, name + " v2", "Rename"));
        QVERIFY2(waitFor([&] { return history->list()->topLevelItemCount() == 3; }, 3000),
            qPrintable(rows(history->list()).join('\n')));
        QCOMPARE(rows(history->list()).first(), QStringLiteral("alice | Name: '%1' → '%1 v2'").arg(name));
        QVERIFY(history->windowTitle().contains(name + " v2"));

        // Alice drags it: a move is history too, arriving the same way.
        const Node *placed = alice->node(nodeId);
        const NodePosition from { nodeId, placed->x, placed->y, placed->pinned };
        alice->undoStack()->push(new MoveNodesCommand(
            alice.get(), { from }, { { nodeId, from.x + 40, from.y + 20.4, from.pinned } }));
        QVERIFY2(waitFor([&] { return history->list()->topLevelItemCount() == 4; }, 3000),
            qPrintable(rows(history->list()).join('\n')));
        QCOMPARE(rows(history->list()).first(),
            QStringLiteral("alice | Position: '(%1, %2)' → '(%3, %4)'")
                .arg(qRound64(from.x))
                .arg(qRound64(from.y))
                .arg(qRound64(from.x + 40))
                .arg(qRound64(from.y + 20.4)));

        // The reviewer comments on it: signed with the role, and in the history.
        window.mapScene()->selectNodes({ nodeId });
        auto *composer = window.commentsPanel()->findChild<QPlainTextEdit *>("newCommentEdit");
        QVERIFY(composer && composer->isEnabled());
        QVERIFY(window.commentsPanel()->addComment("Which team is on call for this?"));
        QVERIFY(waitFor([&] { return history->list()->topLevelItemCount() == 5; }, 2000));
        QCOMPARE(rows(history->list()).first(), QStringLiteral("commenter | Comment by commenter: added"));
        QCOMPARE(doc->commentsOfNode(nodeId).last().author, QStringLiteral("commenter"));

        // A test case's own history; a node nobody changed says so.
        auto *caseHistory = new HistoryDialog(doc, testCase.id, &window);
        QCOMPARE(rows(caseHistory->list()),
            QStringList { QStringLiteral("alice | Title: '%1' → '%1 (v2)'").arg(testCase.title) });
        delete caseHistory;
        auto *none = new HistoryDialog(doc, untouched, &window);
        QCOMPARE(none->list()->topLevelItemCount(), 0);
        QVERIFY2(none->emptyText().startsWith("No recorded changes yet."), qPrintable(none->emptyText()));
        delete none;

        // The picture in docs/images/history.png: the window at 1366 × 768 with the banner,
        // "Also here" and the history over the map.
        history->resize(820, 300);
        history->move(window.geometry().center() - QPoint(410, 120));
        QApplication::processEvents();
        QImage picture = window.grab().toImage();
        {
            QPainter painter(&picture);
            const QPoint at = history->geometry().topLeft() - window.geometry().topLeft();
            painter.fillRect(QRect(at, history->size()).adjusted(-1, -1, 1, 1), QColor(0x80, 0x80, 0x80));
            painter.drawImage(at, history->grab().toImage());
        }
        QVERIFY(m_shots.save(picture, "history"));
        // The banner's notice colour is in the picture at its place, and the list's text.
        const QPoint banner
            = window.readOnlyBanner()->mapTo(&window, QPoint(4, 4)) * picture.devicePixelRatio();
        QVERIFY2(near(picture.pixelColor(banner), QColor(0xfff4ce)),
            qPrintable(picture.pixelColor(banner).name()));
        if (const QString out = qEnvironmentVariable("FLOWBENCH_HISTORY_SCREENSHOT"); !out.isEmpty())
            QVERIFY(picture.save(out));
    }
};

QTEST_MAIN(TestHistoryView)
#include "tst_historyview.moc"
