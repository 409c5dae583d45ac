// Output files and read-only projects through the real flowbench-cli: `-` is standard
// output, a device or FIFO is written in place and stays what it was, a full disk says so,
// a project is never written into a device, and a read-only project is read and run but
// never changed. Special files are private to the test's folder (never the real /dev/null).
#include "support/cliprocess.h"
#include "support/exampleproject.h"
#include "support/specialfiles.h"
#include "support/testenv.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <fcntl.h>
#include <unistd.h>

using namespace flowbench::testing;

namespace {

// The example as shipped, found next to the test sources (tests/support/exampleproject).
QString shopJson()
{
    return exampleJsonPath();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

QStringList entries(const QString &folder)
{
    return QDir(folder).entryList(
        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}


QString uid(int n)
{
    return QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
}

// A project whose checks need no server: two log checks on `logFile`, one that holds (no
// new line matches) and one that does not, so a run ends with exit code 1.
QByteArray logProject(const QString &logFile)
{
    auto check = [&](int id, int expected) {
        return QJsonObject { { QStringLiteral("id"), uid(id) },
            { QStringLiteral("type"), QStringLiteral("log") },
            { QStringLiteral("spec"),
                QJsonObject { { QStringLiteral("file"), logFile },
                    { QStringLiteral("regex"), QStringLiteral("ERROR") } } },
            { QStringLiteral("assertions"),
                QJsonArray { QJsonObject { { QStringLiteral("kind"), QStringLiteral("count") },
                    { QStringLiteral("target"), QString() }, { QStringLiteral("op"), QStringLiteral("==") },
                    { QStringLiteral("expected"), expected } } } } };
    };
    auto testCase = [&](int id, const QString &title, int checkId, int expected) {
        return QJsonObject { { QStringLiteral("id"), uid(id) }, { QStringLiteral("node"), uid(1) },
            { QStringLiteral("title"), title }, { QStringLiteral("automated"), true },
            { QStringLiteral("checks"), QJsonArray { check(checkId, expected) } } };
    };
    const QJsonObject doc { { QStringLiteral("format"), QStringLiteral("flowbench") },
        { QStringLiteral("formatVersion"), 1 }, { QStringLiteral("name"), QStringLiteral("logs") },
        { QStringLiteral("nodes"),
            QJsonArray { QJsonObject { { QStringLiteral("id"), uid(1) },
                { QStringLiteral("kind"), QStringLiteral("service") },
                { QStringLiteral("name"), QStringLiteral("worker") } } } },
        { QStringLiteral("testCases"),
            QJsonArray { testCase(2, QStringLiteral("no errors"), 3, 0),
                testCase(4, QStringLiteral("one error"), 5, 1) } } };
    return QJsonDocument(doc).toJson();
}

// Size, bytes and modification time: a read-only project must come out as it went in.
struct FileState
{
    QByteArray sha;
    QDateTime modified;
    bool operator==(const FileState &o) const { return sha == o.sha && modified == o.modified; }
};

FileState stateOf(const QString &path)
{
    return { QCryptographicHash::hash(readAll(path), QCryptographicHash::Sha256).toHex(),
        QFileInfo(path).lastModified() };
}

} // namespace

class TestOutputFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(cliPath()), "FLOWBENCH_CLI must name the built flowbench-cli (ctest sets it)");
    }

    void dashIsStandardOutput()
    {
        QTemporaryDir dir;
        const CliOutcome plain = runCli({ QStringLiteral("export"), shopJson() }, dir.path());
        const CliOutcome dash = runCli(
            { QStringLiteral("export"), shopJson(), QStringLiteral("-o"), QStringLiteral("-") }, dir.path());
        QCOMPARE(dash.exitCode, 0);
        QVERIFY2(dash.err.isEmpty(), qPrintable(dash.err));
        QCOMPARE(dash.out.toUtf8(), readAll(shopJson()));
        QCOMPARE(dash.out, plain.out);
        QCOMPARE(entries(dir.path()), QStringList()); // no file named "-"
    }

    // /dev/stdout is the descriptor the shell gave, written as it is: a file opened for
    // appending (`>> log`) keeps what it had, and nothing is renamed over it.
    void devStdoutIsTheGivenDescriptor()
    {
        QTemporaryDir dir;
        const QString log = dir.filePath(QStringLiteral("exports.log"));
        writeFile(log, "earlier line\n");
        QProcess process;
        process.setStandardOutputFile(log, QIODevice::Append);
        process.start(cliPath(), {QStringLiteral("export"), shopJson(), QStringLiteral("-o"), QStringLiteral("/dev/stdout")});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(readAll(log), QByteArray("earlier line\n") + readAll(shopJson()));
        QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("exports.log")});
    }

    void exportIntoAPrivateNullDevice()
    {
        QTemporaryDir dir;
        const QString node = dir.filePath(QStringLiteral("null"));
        FLOWBENCH_REQUIRE_SPECIAL(makeNullDevice(node));
        const CliOutcome o = runCli({ QStringLiteral("export"), shopJson(), QStringLiteral("-o"), node });
        QCOMPARE(o.exitCode, 0);
        QVERIFY2(o.err.isEmpty(), qPrintable(o.err));
        QCOMPARE(fileKind(node), QStringLiteral("character device 1:3")); // not replaced by a regular file
        QCOMPARE(entries(dir.path()), QStringList { QStringLiteral("null") });
    }

    void exportIntoAFifo()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("export.fifo"));
        FLOWBENCH_REQUIRE_SPECIAL(makeFifo(fifo));
        FifoReader reader(fifo);
        const CliOutcome o = runCli({ QStringLiteral("export"), shopJson(), QStringLiteral("-o"), fifo });
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(reader.result(30000), readAll(shopJson()));
        QCOMPARE(fileKind(fifo), QStringLiteral("FIFO"));
    }

    void fullDeviceSaysDiskFull()
    {
        if (fileKind(QStringLiteral("/dev/full")) != QLatin1String("character device 1:7"))
            QSKIP("this machine has no /dev/full");
        const CliOutcome o = runCli(
            { QStringLiteral("export"), shopJson(), QStringLiteral("-o"), QStringLiteral("/dev/full") });
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.startsWith(QStringLiteral("/dev/full: ")), qPrintable(o.err));
        QVERIFY2(o.err.contains(QStringLiteral("disk full")), qPrintable(o.err));
        QVERIFY2(!o.err.contains(QStringLiteral("damaged")), qPrintable(o.err));
        QCOMPARE(fileKind(QStringLiteral("/dev/full")), QStringLiteral("character device 1:7"));
    }

    void aProjectIsNeverWrittenIntoADeviceOrFifo_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("kind");
        QTest::newRow("import into a FIFO") << "import"
                                            << "fifo";
        QTest::newRow("import --force into a FIFO") << "import --force"
                                                    << "fifo";
        QTest::newRow("import into a device") << "import"
                                              << "device";
        QTest::newRow("new in a device") << "new"
                                         << "device";
        QTest::newRow("import into -") << "import"
                                       << "dash";
    }

    void aProjectIsNeverWrittenIntoADeviceOrFifo()
    {
        QFETCH(QString, command);
        QFETCH(QString, kind);
        QTemporaryDir dir;
        QString target = dir.filePath(QStringLiteral("target"));
        QString expected;
        if (kind == QLatin1String("fifo")) {
            FLOWBENCH_REQUIRE_SPECIAL(makeFifo(target));
            expected = QStringLiteral("is a FIFO; a project must be a regular file");
        } else if (kind == QLatin1String("device")) {
            FLOWBENCH_REQUIRE_SPECIAL(makeNullDevice(target));
            expected = QStringLiteral("is a character device; a project must be a regular file");
        } else {
            target = QStringLiteral("-");
            expected = QStringLiteral("a project must be a regular file");
        }
        const QString before = fileKind(target);
        QStringList args = command.split(QLatin1Char(' '));
        if (args.first() == QLatin1String("import"))
            args << shopJson();
        args << target;
        const CliOutcome o = runCli(args, dir.path(), 20000); // an opened FIFO would hang: bounded
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.startsWith(target + QStringLiteral(": ")), qPrintable(o.err));
        QVERIFY2(o.err.contains(expected), qPrintable(o.err));
        QCOMPARE(fileKind(target), before);
        if (kind != QLatin1String("dash"))
            QCOMPARE(entries(dir.path()), QStringList { QStringLiteral("target") });
        else
            QCOMPARE(entries(dir.path()), QStringList());
    }

    void runReportsToStandardOutput()
    {
        QTemporaryDir dir;
        const QString log = dir.filePath(QStringLiteral("worker.log"));
        writeFile(log, "old ERROR before the run\n");
        writeFile(dir.filePath(QStringLiteral("logs.json")), logProject(log));
        QCOMPARE(runCli({ QStringLiteral("import"), QStringLiteral("logs.json"),
                            QStringLiteral("logs.flowbench") },
                     dir.path())
                     .exitCode,
            0);

        const CliOutcome json = runCli({ QStringLiteral("run"), QStringLiteral("logs.flowbench"),
                                           QStringLiteral("--json"), QStringLiteral("-") },
            dir.path());
        QCOMPARE(json.exitCode, 1); // one check failed
        QJsonParseError error;
        const QJsonObject report = QJsonDocument::fromJson(json.out.toUtf8(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError,
            qPrintable(error.errorString() + QStringLiteral(": ") + json.out));
        QCOMPARE(report.value(QLatin1String("run")).toObject().value(QLatin1String("failed")).toInt(), 1);
        QVERIFY2(json.err.contains(QStringLiteral("2 test cases, 2 checks")),
            qPrintable(json.err)); // the summary moved

        const CliOutcome junit = runCli({ QStringLiteral("run"), QStringLiteral("logs.flowbench"),
                                            QStringLiteral("--junit"), QStringLiteral("-") },
            dir.path());
        QCOMPARE(junit.exitCode, 1);
        QVERIFY2(junit.out.startsWith(QStringLiteral("<?xml")), qPrintable(junit.out));
        QVERIFY2(junit.out.trimmed().endsWith(QStringLiteral("</testsuites>")), qPrintable(junit.out));

        const CliOutcome both
            = runCli({ QStringLiteral("run"), QStringLiteral("logs.flowbench"), QStringLiteral("--junit"),
                         QStringLiteral("-"), QStringLiteral("--json"), QStringLiteral("-") },
                dir.path());
        QCOMPARE(both.exitCode, 2);
        QVERIFY2(
            both.err.contains(QStringLiteral("cannot both go to standard output")), qPrintable(both.err));
    }

    // The CLI reads a read-only project (validate, export, stats, coverage, impact) and runs
    // it; the run's exit code is the checks', a note says the results were not stored, and
    // the file is exactly as it was.
    void readOnlyProjectIsReadAndRunButNeverChanged()
    {
        QTemporaryDir dir;
        const QString log = dir.filePath(QStringLiteral("worker.log"));
        writeFile(log, "");
        writeFile(dir.filePath(QStringLiteral("logs.json")), logProject(log));
        const QString project = dir.filePath(QStringLiteral("logs.flowbench"));
        QCOMPARE(
            runCli({ QStringLiteral("import"), dir.filePath(QStringLiteral("logs.json")), project }).exitCode,
            0);
        const FileState before = stateOf(project);
        ReadOnlyMark mark(project);
        FLOWBENCH_REQUIRE_SPECIAL(mark.errorString());

        const QList<QStringList> reads {
            { QStringLiteral("validate"), project },
            { QStringLiteral("export"), project },
            { QStringLiteral("stats"), project },
            { QStringLiteral("coverage"), project },
            { QStringLiteral("impact"), project, QStringLiteral("--node"), QStringLiteral("worker") },
        };
        for (const QStringList &args : reads) {
            const CliOutcome o = runCli(args);
            QVERIFY2(o.exitCode == 0,
                qPrintable(args.first() + QStringLiteral(" (") + mark.how() + QStringLiteral("): ") + o.err));
            QVERIFY2(!o.err.contains(QStringLiteral("damaged")), qPrintable(o.err));
        }
        const CliOutcome exported = runCli({ QStringLiteral("export"), project });
        QVERIFY(exported.out.contains(QStringLiteral("\"one error\"")));

        const QString report = dir.filePath(QStringLiteral("report.json"));
        const CliOutcome run = runCli({ QStringLiteral("run"), project, QStringLiteral("--json"), report });
        QCOMPARE(run.exitCode, 1); // the checks' verdict: one failed
        QVERIFY2(run.err.contains(project + QStringLiteral(": is read-only (")), qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("the results of this run were not stored in it")),
            qPrintable(run.err));
        QVERIFY2(!run.err.contains(QStringLiteral("damaged")), qPrintable(run.err));
        QVERIFY(QJsonDocument::fromJson(readAll(report)).isObject()); // the report was written

        QVERIFY(stateOf(project) == before);
        const CliOutcome history
            = runCli({ QStringLiteral("export"), project, QStringLiteral("--with-runs") });
        QCOMPARE(history.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(history.out.toUtf8()).object();
        QVERIFY(doc.contains(QLatin1String("runs")));
        QCOMPARE(doc.value(QLatin1String("runs")).toArray().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestOutputFiles)
#include "tst_outputfiles.moc"
