// Who and when, and a comment-only role, on a shared project (issue 14 items 3 and 6),
// against a real PostgreSQL the test starts. A role given exactly the README's grants for
// reviewers who comment opens the project read-only but may add and resolve comments
// (signed with its name, logged); it cannot change a node (refused, nothing stored). A
// role with SELECT only cannot comment either. Two documents on one project see each
// other present; one that closes is gone from the other's list within a bound, and a
// client that died (no renewal) is left out.
#undef QT_NO_CAST_FROM_ASCII
#include "document/addcommentcommand.h"
#include "document/changevalue.h"
#include "document/projectdocument.h"
#include "store/editlog.h"
#include "store/projectstore.h"
#include "support/sharedprojectserver.h"
#include "support/testenv.h"

#include <QElapsedTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace flowbench;
using namespace flowbench::testing;

namespace {
constexpr int kPresenceIntervalMs = 200;

// README.md, "Reviewers who may comment", with the project fb_shop and the role
// commenter: the SQL the test gives the role, word for word.
const char kCommentOnlySql[]
    = "CREATE ROLE commenter LOGIN PASSWORD 'team-pw';\n"
      "GRANT CONNECT ON DATABASE flowbench TO commenter;\n"
      "GRANT USAGE ON SCHEMA fb_shop TO commenter;\n"
      "GRANT SELECT ON ALL TABLES IN SCHEMA fb_shop TO commenter;\n"
      "GRANT INSERT, UPDATE, DELETE ON fb_shop.comments, fb_shop.presence TO commenter;\n"
      "GRANT INSERT ON fb_shop.edit_log TO commenter;\n"
      "GRANT USAGE ON ALL SEQUENCES IN SCHEMA fb_shop TO commenter;\n";
// README.md, "Read-only reviewers".
const char kReadOnlySql[] = "CREATE ROLE reader LOGIN PASSWORD 'team-pw';\n"
                            "GRANT CONNECT ON DATABASE flowbench TO reader;\n"
                            "GRANT USAGE ON SCHEMA fb_shop TO reader;\n"
                            "GRANT SELECT ON ALL TABLES IN SCHEMA fb_shop TO reader;\n";
} // namespace

class TestSharedRoles : public QObject
{
    Q_OBJECT

private:
    SharedProjectServer m_pg;
    Id m_node;

    std::unique_ptr<ProjectDocument> open(const QString &user)
    {
        auto doc = ProjectDocument::open(m_pg.url("shop", user));
        if (!doc) {
            qWarning() << doc.error();
            return nullptr;
        }
        return std::move(doc).value();
    }
    static QStringList names(const QList<PresenceEntry> &list)
    {
        QStringList out;
        for (const PresenceEntry &e : list)
            out << e.who;
        return out;
    }
    // Waits (bounded) until `doc` lists exactly `who` as present.
    static bool waitForOthers(ProjectDocument *doc, const QStringList &who, int boundMs)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < boundMs) {
            if (names(doc->othersHere()) == who)
                return true;
            QTest::qWait(20);
        }
        qWarning() << "present:" << names(doc->othersHere()) << "expected:" << who;
        return false;
    }

private slots:
    void initTestCase()
    {
        isolateSettings("tst_sharedroles");
        qputenv("FLOWBENCH_PRESENCE_INTERVAL_MS", QByteArray::number(kPresenceIntervalMs));
        if (!m_pg.start() && m_pg.isRequired())
            QFAIL(m_pg.whyNot());
        if (!m_pg.started())
            return;
        Project p;
        p.name = "Shop";
        Node n;
        n.id = newId();
        n.kind = NodeKind::Api;
        n.name = "Orders API";
        p.nodes = { n };
        m_node = n.id;
        const Status written
            = ProjectStore::writeShared(ProjectLocation::parse(m_pg.url("shop")).value(), p, false);
        QVERIFY2(written, qPrintable(written.error()));
        QVERIFY2(m_pg.exec(kCommentOnlySql, "flowbench"), qPrintable(m_pg.errorString()));
        QVERIFY2(m_pg.exec(kReadOnlySql, "flowbench"), qPrintable(m_pg.errorString()));
    }
    void init()
    {
        if (!m_pg.started())
            QSKIP(m_pg.whyNot());
    }
    void cleanupTestCase() { QVERIFY2(m_pg.stopIfRunning(), qPrintable(m_pg.errorString())); }

    void commentOnlyRoleCommentsButCannotEdit()
    {
        auto doc = open("commenter");
        QVERIFY(doc);
        QVERIFY(doc->isReadOnly());
        QVERIFY(doc->canComment());
        QCOMPARE(doc->readOnlyReason(), QStringLiteral("role commenter may read and comment, not edit"));
        QCOMPARE(doc->author(), QStringLiteral("commenter"));

        // Changing a node is refused, and nothing is stored.
        QSignalSpy errors(doc.get(), &ProjectDocument::errorOccurred);
        doc->undoStack()->push(
            new ChangeValue<Node, QString>(doc.get(), m_node, &Node::name, "Renamed", "Rename"));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().first().toString().contains("may read and comment, not edit"),
            qPrintable(errors.first().first().toString()));
        QCOMPARE(doc->node(m_node)->name, QStringLiteral("Orders API"));
        auto team = open("team");
        QVERIFY(team);
        QCOMPARE(team->node(m_node)->name, QStringLiteral("Orders API"));
        QVERIFY(team->history(m_node).value().isEmpty());

        // A comment is stored, signed with the role's name, and logged.
        Comment c;
        c.nodeId = m_node;
        c.text = "Is the retry idempotent?";
        auto *add = new AddCommentCommand(doc.get(), c);
        const Id commentId = add->commentId();
        doc->undoStack()->push(add);
        QCOMPARE(errors.size(), 1);
        QVERIFY(team->syncWithStore().ok());
        const Comment *stored = team->comment(commentId);
        QVERIFY(stored);
        QCOMPARE(stored->author, QStringLiteral("commenter"));
        QCOMPARE(stored->text, c.text);

        // ... and resolved.
        doc->undoStack()->push(
            new ChangeValue<Comment, bool>(doc.get(), commentId, &Comment::resolved, true, "Resolve"));
        QCOMPARE(errors.size(), 1);
        QVERIFY(team->syncWithStore().ok());
        QVERIFY(team->comment(commentId)->resolved);
        const QList<EditLogEntry> history = team->history(m_node).value();
        QCOMPARE(history.size(), 2);
        QCOMPARE(history.at(0).summary(), QStringLiteral("Resolved: 'no' → 'yes'"));
        QCOMPARE(history.at(1).summary(), QStringLiteral("added"));
        for (const EditLogEntry &e : history)
            QCOMPARE(e.author, QStringLiteral("commenter"));
    }

    void selectOnlyRoleCannotComment()
    {
        auto doc = open("reader");
        QVERIFY(doc);
        QVERIFY(doc->isReadOnly());
        QVERIFY(!doc->canComment());
        QCOMPARE(
            doc->readOnlyReason(), QStringLiteral("role reader may read this project but not change it"));
        QSignalSpy errors(doc.get(), &ProjectDocument::errorOccurred);
        Comment c;
        c.nodeId = m_node;
        c.text = "may I?";
        auto *add = new AddCommentCommand(doc.get(), c);
        const Id commentId = add->commentId();
        doc->undoStack()->push(add);
        QCOMPARE(errors.size(), 1);
        auto team = open("team");
        QVERIFY(team);
        QVERIFY(!team->comment(commentId));
    }

    void presenceListsOthersAndForgetsThoseWhoLeft()
    {
        QSettings().setValue("user/displayName", "alice");
        auto alice = open("team");
        QSettings().setValue("user/displayName", "bob");
        auto bob = open("team");
        QSettings().remove("user/displayName");
        QVERIFY(alice && bob);
        QCOMPARE(bob->author(), QStringLiteral("bob"));
        // Each renews every interval and reads the others then.
        QVERIFY(waitForOthers(alice.get(), { "bob" }, 3 * kPresenceIntervalMs));
        QVERIFY(waitForOthers(bob.get(), { "alice" }, 3 * kPresenceIntervalMs));
        QVERIFY(!alice->othersHere().first().since.isNull());

        // A client that died leaves its row; after 3 intervals without renewal it is not listed.
        QVERIFY2(m_pg.exec("INSERT INTO fb_shop.presence (session_id, who, host, since, last_seen) VALUES "
                           "('dead', 'ghost', 'h', '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z');",
                     "flowbench"),
            qPrintable(m_pg.errorString()));
        QTest::qWait(2 * kPresenceIntervalMs);
        QCOMPARE(names(alice->othersHere()), QStringList { "bob" });

        // Bob closes: within two intervals Alice lists nobody.
        QSignalSpy changed(alice.get(), &ProjectDocument::presenceChanged);
        bob.reset();
        QVERIFY(waitForOthers(alice.get(), {}, 2 * kPresenceIntervalMs + 100));
        QVERIFY(changed.size() >= 1);
    }
};

QTEST_GUILESS_MAIN(TestSharedRoles)
#include "tst_sharedroles.moc"
