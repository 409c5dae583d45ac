// Who and when (issue 14 item 3) on a project file: every add, change and remove is one
// line of edit_log in the transaction of the edit, signed with the author; a refused edit
// leaves no line; a secret's value never lands in the log; runs and new comments are
// signed too; history is no content (the canonical JSON does not change).
#undef QT_NO_CAST_FROM_ASCII
#include "io/canonicaljson.h"
#include "sampleproject.h"
#include "store/editlog.h"
#include "store/projectstore.h"
#include "support/cliprocess.h"
#include "support/testenv.h"

#include <QRegularExpression>
#include <QSettings>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestEditLog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    std::unique_ptr<ProjectStore> fresh()
    {
        auto store
            = ProjectStore::create(m_dir.filePath(QStringLiteral("p%1.flowbench").arg(++m_files)), "Shop");
        if (!store)
            qWarning() << store.error();
        return store ? std::move(store).value() : nullptr;
    }
    static QStringList summaries(const QList<EditLogEntry> &history)
    {
        QStringList out;
        for (const EditLogEntry &e : history)
            out << QStringLiteral("%1 %2 %3: %4").arg(e.author, e.entityKind, e.entityName, e.summary());
        return out;
    }
    static int logLines(const ProjectStore &store)
    {
        QSqlQuery q(QSqlDatabase::database(store.connectionName()));
        return q.exec("SELECT COUNT(*) FROM edit_log") && q.next() ? q.value(0).toInt() : -1;
    }

private slots:
    void initTestCase() { isolateSettings("tst_editlog"); }

    void authorIsTheDisplayNameElseTheUser()
    {
        QSettings().remove("user/displayName");
        QCOMPARE(defaultAuthorName("carol"), QStringLiteral("carol"));
        QCOMPARE(
            defaultAuthorName(QString()), qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME")));
        QSettings().setValue("user/displayName", "Dana Q.");
        QCOMPARE(defaultAuthorName("carol"), QStringLiteral("Dana Q."));
        auto store = fresh();
        QVERIFY(store);
        QCOMPARE(store->author(), QStringLiteral("Dana Q."));
        QSettings().remove("user/displayName");
    }

    void historyListsWhoChangedWhatNewestFirst()
    {
        auto store = fresh();
        QVERIFY(store);
        store->setAuthor("alice");
        Node api = sampleNode("Orders API", NodeKind::Api);
        QVERIFY(store->addNode(api).ok());
        TestCase t;
        t.nodeId = api.id;
        t.title = "order is stored";
        QVERIFY(store->addTestCase(t).ok());
        store->setAuthor("bob");
        api.name = "Orders API v2";
        api.owner = "team-b";
        QVERIFY(store->updateNode(api).ok());
        t.title = "order is stored once";
        QVERIFY(store->updateTestCase(t).ok());
        QVERIFY(store->removeTestCase(t.id).ok());

        const QStringList expected {
            "bob test case order is stored once: removed",
            "bob test case order is stored once: Title: 'order is stored' → 'order is stored once'",
            "bob node Orders API v2: Owner: 'team-a' → 'team-b'",
            "bob node Orders API v2: Name: 'Orders API' → 'Orders API v2'",
            "alice test case order is stored: added",
            "alice node Orders API: added",
        };
        QCOMPARE(summaries(store->history(api.id).value()), expected);
        // A test case's own history is its lines only.
        QCOMPARE(store->history(t.id).value().size(), 3);
        const EditLogEntry newest = store->history(api.id).value().first();
        QVERIFY(qAbs(newest.at.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    }

    // A refused edit (a revision conflict, a transaction that fails later) writes no line:
    // history and content never disagree.
    void refusedEditLeavesNoHistory()
    {
        auto store = fresh();
        QVERIFY(store);
        Node n = sampleNode("Stock", NodeKind::Service);
        QVERIFY(store->addNode(n).ok());
        const int before = logLines(*store);
        QCOMPARE(before, 1);
        Node stale = n;
        n.name = "Stock v2";
        QVERIFY(store->updateNode(n).ok());
        stale.name = "Stock v3";
        QVERIFY(!store->updateNode(stale).ok()); // its revision is old
        QCOMPARE(logLines(*store), 2);
        const Status failed = store->transaction([&]() -> Status {
            Node m = store->node(n.id).value();
            m.owner = "nobody";
            if (Status s = store->updateNode(m); !s)
                return s;
            return Status::failure("later step failed");
        });
        QVERIFY(!failed);
        QCOMPARE(logLines(*store), 2);
        QCOMPARE(store->node(n.id).value().owner, n.owner);
    }

    // A scratch copy (the map an export draws) keeps no history: its edits land, no line
    // is written for adds, changes, moves or removes. Turned back on, lines come again.
    void scratchCopyKeepsNoHistory()
    {
        auto store = fresh();
        QVERIFY(store);
        store->setKeepsHistory(false);
        Node a = sampleNode("Cart", NodeKind::Api), b = sampleNode("Stock", NodeKind::Service);
        QVERIFY(store->addNode(a).ok());
        QVERIFY(store->addNode(b).ok());
        a.name = "Cart v2";
        QVERIFY(store->updateNode(a).ok());
        QVERIFY(store->setNodePositions({ { a.id, 40, 80, false } }, { { a.id, a.x, a.y, false } }).ok());
        QVERIFY(store->removeNode(b.id).ok());
        QCOMPARE(store->node(a.id).value().name, QStringLiteral("Cart v2"));
        QCOMPARE(store->node(a.id).value().x, 40.0);
        QCOMPARE(logLines(*store), 0);
        store->setKeepsHistory(true);
        a.name = "Cart v3";
        QVERIFY(store->updateNode(a).ok());
        QCOMPARE(logLines(*store), 1);
    }

    void secretValuesNeverLogged()
    {
        auto store = fresh();
        QVERIFY(store);
        Environment e;
        e.name = "staging";
        e.variables = { { "base", "http://127.0.0.1:9" }, { "apiToken", "tok-123-plain" },
            { "dbPassword", "${env:DB_PW}" } };
        QVERIFY(store->addEnvironment(e).ok());
        e.variables["base"] = "http://127.0.0.1:10";
        e.variables["apiToken"] = "tok-456-plain";
        e.variables["dbPassword"] = "${env:OTHER_PW}";
        QVERIFY(store->updateEnvironment(e).ok());
        const QStringList lines = summaries(store->history(e.id).value());
        QVERIFY2(
            lines.contains(QStringLiteral("%1 environment staging: Variable base: 'http://127.0.0.1:9' → "
                                          "'http://127.0.0.1:10'")
                               .arg(store->author())),
            qPrintable(lines.join('\n')));
        QVERIFY(lines.contains(
            QStringLiteral("%1 environment staging: Variable apiToken changed").arg(store->author())));
        QVERIFY(lines.contains(
            QStringLiteral("%1 environment staging: Variable dbPassword changed").arg(store->author())));
        QSqlQuery q(QSqlDatabase::database(store->connectionName()));
        QVERIFY(q.exec("SELECT old_value || new_value || field || entity_name FROM edit_log"));
        while (q.next())
            for (const char *secret : { "tok-123", "tok-456", "DB_PW", "OTHER_PW" })
                QVERIFY2(!q.value(0).toString().contains(secret), qPrintable(q.value(0).toString()));
    }

    void runsAndCommentsAreSigned()
    {
        auto store = fresh();
        QVERIFY(store);
        store->setAuthor("erin");
        Node n = sampleNode("Cart", NodeKind::Service);
        QVERIFY(store->addNode(n).ok());
        Comment c;
        c.nodeId = n.id;
        c.text = "who owns this?";
        QVERIFY(store->addComment(c).ok());
        QCOMPARE(store->comments().value().first().author, QStringLiteral("erin"));
        Comment signedByHand = c;
        signedByHand.id.clear();
        signedByHand.author = "frank";
        QVERIFY(store->addComment(signedByHand).ok());
        QCOMPARE(store->history(n.id).value().first().author, QStringLiteral("erin"));
        Run run;
        run.id = newId();
        run.startedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(store->addRun(run, {}).ok());
        QCOMPARE(store->runs().value().first().startedBy, QStringLiteral("erin"));
    }

    // flowbench-cli history prints the same lines, as a table or JSON; exit 2 on bad input.
    void cliPrintsHistory()
    {
        const QString path = m_dir.filePath("cli.flowbench");
        Node n = sampleNode("Orders API", NodeKind::Api);
        {
            auto store = ProjectStore::create(path, "Shop");
            QVERIFY(store);
            store.value()->setAuthor("alice");
            QVERIFY(store.value()->addNode(n).ok());
            n.name = "Orders API v2";
            QVERIFY(store.value()->updateNode(n).ok());
        }
        const CliOutcome table = runCli({ "history", path, "--node", n.id });
        QVERIFY2(table.exitCode == 0, qPrintable(table.err));
        QVERIFY2(table.out.startsWith("History of node \"Orders API v2\"\n"), qPrintable(table.out));
        const QStringList lines = table.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4); // title, header, two lines
        QVERIFY2(lines.at(2).contains(QRegularExpression("alice +- +Name: 'Orders API' → 'Orders API v2'$")),
            qPrintable(lines.at(2)));
        QVERIFY2(lines.at(3).contains(QRegularExpression("alice +- +added$")), qPrintable(lines.at(3)));
        const CliOutcome json = runCli({ "history", path, "--node", n.id, "--json" });
        QCOMPARE(json.exitCode, 0);
        QVERIFY2(json.out.contains("\"field\": \"name\""), qPrintable(json.out));
        QCOMPARE(runCli({ "history", path }).exitCode, 2);
        const CliOutcome missing = runCli({ "history", path, "--node", newId() });
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("no node with id"), qPrintable(missing.err));
    }

    // History is not project content: the export of a project with history is the same
    // as of one without.
    void canonicalJsonCarriesNoHistory()
    {
        auto withHistory = fresh();
        QVERIFY(withHistory);
        Project p = sampleProject();
        QVERIFY(withHistory->replaceContents(p).ok());
        Node n = withHistory->nodes().value().first();
        const QString name = n.name;
        n.name = "changed";
        QVERIFY(withHistory->updateNode(n).ok());
        n.name = name;
        QVERIFY(withHistory->updateNode(n).ok());
        QVERIFY(logLines(*withHistory) >= 2);
        auto without = fresh();
        QVERIFY(without->replaceContents(p).ok());
        const JsonExportOptions everything { true };
        Project a = withHistory->load().value(), b = without->load().value();
        QCOMPARE(toCanonicalJson(sortedCanonically(a), everything),
            toCanonicalJson(sortedCanonically(b), everything));
    }
};

QTEST_GUILESS_MAIN(TestEditLog)
#include "tst_editlog.moc"
