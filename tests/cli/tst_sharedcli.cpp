// flowbench-cli with shared projects on a real PostgreSQL: push and pull copy a project
// up and down with byte-identical canonical JSON, and every command that takes a project
// takes a postgresql:// URL too. The table of commands is checked against
// `flowbench-cli --help`, so a new command needs a row here (or a reason it takes none).
#undef QT_NO_CAST_FROM_ASCII
#include "io/canonicaljson.h"
#include "store/projectstore.h"
#include "support/cliprocess.h"
#include "support/exampleproject.h"
#include "support/sharedprojectserver.h"
#include "support/testenv.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {
// Commands that take no project at all.
const QStringList kNoProject { "proxy" };
// The node of the shared project "tcp" (fixed, so a row can name it).
const char kDbNode[] = "0c1d7a52-5f6a-4a3e-9a55-1f1c5e0b7a01";

struct UrlRow
{
    QStringList args;
    int exitCode = 0;
    QString output; // standard output contains this
};

// {URL} is the shared project "tcp", {URL:name} another one, {DIR} the test's folder;
// rows run in this order (run before report).
QList<UrlRow> urlRows()
{
    return {
        { { "validate", "{URL}" }, 0, "" },
        { { "export", "{URL}", "-o", "-" }, 0, "\"name\": \"Reachability\"" },
        { { "stats", "{URL}", "--json" }, 0, "\"nodes\": 1" },
        { { "coverage", "{URL}" }, 0, "db" },
        { { "impact", "{URL}", "--node", "db" }, 0, "database answers" },
        { { "run", "{URL}", "--env", "local" }, 0, "1 passed" },
        { { "audit", "{URL}", "--env", "local" }, 0, "Environment: local (neither shared nor protected)" },
        { { "report", "{URL}", "-o", "-" }, 0, "database answers" },
        { { "history", "{URL}", "--node", kDbNode }, 0, "History of node \"db\"" },
        { { "diff", "{URL}", "{DIR}/tcp.json" }, 0, "" },
        { { "import", "--format", "json", "{DIR}/tcp.json", "{URL:imported}" }, 0, "" },
        { { "new", "{URL:fresh}", "--name", "Fresh" }, 0, "Fresh" },
        { { "push", "{DIR}/tcp.json", "{URL:pushed}" }, 0, "Copied" },
        { { "pull", "{URL}", "{DIR}/pulled.flowbench" }, 0, "Copied" },
    };
}
} // namespace

class TestSharedCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SharedProjectServer m_pg;

    QString path(const QString &name) const { return m_dir.filePath(name); }
    void requireServer()
    {
        if (!m_pg.started())
            QSKIP(m_pg.whyNot());
    }
    static QByteArray read(const QString &file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(cannot read " + file.toUtf8() + ")");
    }
    // One node, one automated test case whose tcp check reaches the test's PostgreSQL.
    Project tcpProject() const
    {
        Project p;
        p.name = "Reachability";
        Node db;
        db.id = kDbNode;
        db.kind = NodeKind::Table;
        db.name = "db";
        p.nodes << db;
        TestCase t;
        t.id = newId();
        t.nodeId = db.id;
        t.title = "database answers";
        t.automated = true;
        Check c;
        c.id = newId();
        c.type = "tcp";
        c.name = "connect";
        c.spec
            = QJsonObject { { "host", "127.0.0.1" }, { "port", int(m_pg.port()) }, { "timeout_ms", 3000 } };
        t.checks << c;
        p.testCases << t;
        Environment e;
        e.id = newId();
        e.name = "local";
        p.environments << e;
        return p;
    }

private slots:
    void initTestCase()
    {
        isolateSettings("tst_sharedcli");
        QVERIFY(m_dir.isValid());
        if (!m_pg.start()) {
            if (m_pg.isRequired())
                QFAIL(m_pg.whyNot());
            return;
        }
        QFile json(path("tcp.json"));
        QVERIFY(json.open(QIODevice::WriteOnly));
        json.write(toCanonicalJson(tcpProject()));
        json.close();
        const CliOutcome pushed = runCli({ "push", path("tcp.json"), m_pg.url("tcp") });
        QVERIFY2(pushed.exitCode == 0, qPrintable(pushed.err));
    }
    void cleanupTestCase() { QVERIFY2(m_pg.stopIfRunning(), qPrintable(m_pg.errorString())); }

    void pushThenPullIsByteIdentical()
    {
        requireServer();
        const QString source = path("example.flowbench");
        QVERIFY(writeExampleProjectFile(source).ok());
        // A run in the history, so that run history travels too.
        const CliOutcome pushed = runCli({ "push", source, m_pg.url("example") });
        QCOMPARE(pushed.exitCode, 0);
        QVERIFY2(pushed.out.startsWith("Copied \""), qPrintable(pushed.out));
        const CliOutcome pulled = runCli({ "pull", m_pg.url("example"), path("copy.flowbench") });
        QVERIFY2(pulled.exitCode == 0, qPrintable(pulled.err));
        const CliOutcome pulledJson = runCli({ "pull", m_pg.url("example"), path("copy.json") });
        QVERIFY2(pulledJson.exitCode == 0, qPrintable(pulledJson.err));

        for (const QString &file : { source, path("copy.flowbench") }) {
            const CliOutcome exported = runCli({ "export", file, "--with-runs", "-o", file + ".json" });
            QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        }
        const QByteArray original = read(source + ".json");
        QVERIFY(original.size() > 1000);
        QCOMPARE(read(path("copy.flowbench") + ".json"), original);
        QCOMPARE(read(path("copy.json")), original);

        // Nothing is overwritten unless asked.
        const CliOutcome again = runCli({ "push", source, m_pg.url("example") });
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains(
                     "project \"example\" already exists in database flowbench; nothing was changed "
                     "(replace it with --replace)"),
            qPrintable(again.err));
        QCOMPARE(runCli({ "push", source, m_pg.url("example"), "--replace" }).exitCode, 0);
        // The replaced project's history begins with one line saying so, in every node's.
        Id anyNode;
        {
            auto file = ProjectStore::open(source);
            QVERIFY2(file, qPrintable(file.error()));
            anyNode = file.value()->nodes().value().first().id;
        }
        const CliOutcome history = runCli({ "history", m_pg.url("example"), "--node", anyNode });
        QVERIFY2(history.exitCode == 0, qPrintable(history.err));
        QVERIFY2(history.out.contains("project \"") && history.out.contains("Replace: '")
                && history.out.contains("from example.flowbench"),
            qPrintable(history.out));
        const CliOutcome overFile = runCli({ "pull", m_pg.url("example"), path("copy.flowbench") });
        QCOMPARE(overFile.exitCode, 2);
        QVERIFY2(overFile.err.contains("already exists; use --replace"), qPrintable(overFile.err));
        QCOMPARE(runCli({ "pull", m_pg.url("example"), path("copy.flowbench"), "--replace" }).exitCode, 0);
        // So does a file replaced by a pull, naming the file's content before and the source.
        const CliOutcome fileHistory
            = runCli({ "history", path("copy.flowbench"), "--node", anyNode, "--json" });
        QVERIFY2(fileHistory.exitCode == 0, qPrintable(fileHistory.err));
        QVERIFY2(fileHistory.out.contains("\"field\": \"replace\"")
                && fileHistory.out.contains("from postgresql://") && !fileHistory.out.contains("team-pw"),
            qPrintable(fileHistory.out));
    }

    void everyProjectCommandTakesAUrl_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("output");
        for (const UrlRow &row : urlRows())
            QTest::newRow(qPrintable(row.args.first())) << row.args << row.exitCode << row.output;
    }
    void everyProjectCommandTakesAUrl()
    {
        requireServer();
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, output);
        for (QString &a : args) {
            static const QRegularExpression named("^\\{URL:([a-z]+)\\}$");
            if (const auto m = named.match(a); m.hasMatch())
                a = m_pg.url(m.captured(1));
            a.replace("{URL}", m_pg.url("tcp")).replace("{DIR}", m_dir.path());
        }
        const CliOutcome outcome = runCli(args);
        QVERIFY2(outcome.exitCode == exitCode,
            qPrintable(
                QStringLiteral("exit %1\n%2\n%3").arg(outcome.exitCode).arg(outcome.out, outcome.err)));
        QVERIFY2(outcome.out.contains(output), qPrintable(outcome.out));
        QVERIFY2(
            !outcome.err.contains(SharedProjectServer::kPassword), "the password never appears in output");
    }

    // Each command `flowbench-cli --help` lists has a row above or takes no project.
    void tableCoversEveryCommand()
    {
        const CliOutcome help = runCli({ "--help" });
        QCOMPARE(help.exitCode, 0);
        const QString commands = help.out.section("Commands:", 1).section("Options:", 0, 0);
        QStringList listed;
        for (const QString &line : commands.split('\n', Qt::SkipEmptyParts))
            if (!line.trimmed().isEmpty())
                listed << line.trimmed().section(' ', 0, 0);
        QVERIFY(listed.contains("push") && listed.contains("pull"));
        QStringList rows;
        for (const UrlRow &row : urlRows())
            rows << row.args.first();
        for (const QString &command : listed)
            QVERIFY2(kNoProject.contains(command) || rows.contains(command),
                qPrintable("no URL row for command " + command));
    }

    void badUrlsAreNamed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("no project") << "postgresql://team@127.0.0.1:5432/flowbench"
                                    << "postgresql://team@127.0.0.1:5432/flowbench: project: missing: add "
                                       "?project=NAME (one database holds many projects)";
        QTest::newRow("password")
            << "postgresql://team:secret@127.0.0.1/flowbench?project=x"
            << "postgresql://team:***@127.0.0.1/flowbench?project=x: password: a project URL "
               "must not hold the password";
        QTest::newRow("scheme")
            << "mysql://team@127.0.0.1/flowbench?project=x"
            << "mysql://team@127.0.0.1/flowbench?project=x: scheme: \"mysql\" is not supported";
    }
    void badUrlsAreNamed()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        for (const QStringList &args :
            { QStringList { "validate", text }, QStringList { "pull", text, path("x.flowbench") },
                QStringList { "push", path("tcp.json"), text } }) {
            const CliOutcome outcome = runCli(args);
            QCOMPARE(outcome.exitCode, 2);
            QVERIFY2(outcome.err.startsWith(message), qPrintable(outcome.err));
            QVERIFY(!outcome.err.contains("secret"));
        }
    }
};

QTEST_GUILESS_MAIN(TestSharedCli)
#include "tst_sharedcli.moc"
