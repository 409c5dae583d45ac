// HTTP bounds as a user meets them through `flowbench-cli run`: huge streamed bodies stay
// bounded in memory and end with the size cap's error. The servers live in this process
// (a hand-made chunked streamer and the test HTTP server); the CLI is a child process
// whose peak resident memory (VmHWM) is read from /proc while it runs.
#include "store/projectstore.h"
#include "support/httptestserver.h"
#include "support/rawhttpserver.h"
#include "support/shopproject.h"
#include "support/testenv.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

// VmHWM of a running process in KiB; -1 when it cannot be read (process gone).
qint64 peakResidentKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    static const QRegularExpression hwm(QStringLiteral(R"(VmHWM:\s+(\d+) kB)"));
    const QRegularExpressionMatch m = hwm.match(QString::fromLatin1(status.readAll()));
    return m.hasMatch() ? m.captured(1).toLongLong() : -1;
}

struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;
    qint64 peakKiB = -1; // the last VmHWM read while the process ran
    qint64 wallMs = 0;
};

// Runs flowbench-cli without blocking this thread's event loop (the servers are here),
// reading its VmHWM every 10 ms.
CliRun runCliWatched(const QStringList &arguments, int timeoutMs)
{
    CliRun run;
    QProcess process;
    QElapsedTimer clock;
    clock.start();
    process.start(cliPath(), arguments);
    if (!process.waitForStarted(30000)) {
        run.err = process.errorString();
        return run;
    }
    const qint64 pid = process.processId();
    while (process.state() != QProcess::NotRunning && clock.elapsed() < timeoutMs) {
        const qint64 peak = peakResidentKiB(pid);
        if (peak > 0)
            run.peakKiB = qMax(run.peakKiB, peak);
        QTest::qWait(10);
    }
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(5000);
        run.err = QStringLiteral("flowbench-cli did not finish within %1 ms").arg(timeoutMs);
        return run;
    }
    run.wallMs = clock.elapsed();
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace

class HttpBoundsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(!cliPath().isEmpty()); }
    void hugeChunkedBodiesStayBoundedInMemory();
};

// A project of `bodies` checks against the streamer, each in its own test case, plus one
// that keeps the run going for `keepMs` after they failed, so that VmHWM is read after
// the peak. Written to `path`.
Status writeProject(const QString &path, const QString &streamUrl, int bodies, const QString &slowUrl,
    int keepMs, QList<Id> *bodyCases)
{
    Project p;
    p.name = QStringLiteral("bounds");
    const Node node = makeNode(NodeKind::Api, QStringLiteral("GET /download"));
    p.nodes << node;
    for (int i = 0; i < bodies; ++i) {
        Check c = httpCheck(QStringLiteral("download %1").arg(i), QStringLiteral("GET"),
            streamUrl + QStringLiteral("/download/%1").arg(i), {}, 60000);
        TestCase t = makeCase(node.id, QStringLiteral("huge %1").arg(i), {}, { c });
        t.position = i;
        *bodyCases << t.id;
        p.testCases << t;
    }
    Check keeper = httpCheck(QStringLiteral("keeper"), QStringLiteral("GET"),
        slowUrl + QStringLiteral("/slow/%1").arg(keepMs), {}, 20000);
    TestCase keeperCase = makeCase(node.id, QStringLiteral("keeper"), {}, { keeper });
    keeperCase.position = bodies;
    p.testCases << keeperCase;
    auto store = ProjectStore::create(path, p.name);
    if (!store)
        return Status::failure(store.error());
    return store.value()->replaceContents(p);
}

// 8 checks at once, each against a 1 GiB chunked body: every one ends with the size cap's
// error within seconds, and the CLI's peak memory is its idle peak plus at most the 8
// bodies up to the cap (10 MB each) and 2 MB per check for everything else (socket and
// parser buffers, a network thread's stack, allocator slack). Measured: 79-82 MB over
// idle; with 1 MB per check the bound (88 MB) left 6 MB, the least margin of this test,
// which failed once in a loaded ctest -j2 run (its output was not kept). Reading the
// gigabyte would be 8 GB over it.
void HttpBoundsTest::hugeChunkedBodiesStayBoundedInMemory()
{
    constexpr int kParallel = 8;
    constexpr qint64 kBody = 1024LL * 1024 * 1024;
    constexpr qint64 kCapKiB = 10 * 1024; // CheckContext::maxResponseBytes
    RawHttpServer streamer;
    QVERIFY2(streamer.start(), qPrintable(streamer.errorString()));
    streamer.streamChunked(kBody);
    HttpTestServer slow;
    QVERIFY2(slow.start(), qPrintable(slow.errorString()));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    // The same run without the big bodies: what the process needs anyway.
    const QString idlePath = dir.filePath(QStringLiteral("idle.flowbench"));
    QList<Id> none;
    QVERIFY(writeProject(idlePath, streamer.baseUrl(), 0, slow.baseUrl(), 1000, &none));
    const CliRun idle = runCliWatched({ QStringLiteral("run"), idlePath }, 60000);
    QVERIFY2(idle.exitCode == 0 && idle.peakKiB > 0, qPrintable(idle.out + idle.err));

    const QString path = dir.filePath(QStringLiteral("bounds.flowbench"));
    QList<Id> bigCases;
    QVERIFY(writeProject(path, streamer.baseUrl(), kParallel, slow.baseUrl(), 1500, &bigCases));
    const CliRun run = runCliWatched(
        { QStringLiteral("run"), path, QStringLiteral("--concurrency"), QString::number(kParallel + 1),
            QStringLiteral("--per-host"), QString::number(kParallel) },
        120000);
    qInfo("%d x 1 GiB chunked: exit %d in %lld ms, peak RSS %lld KiB (idle run: %lld KiB), %lld MiB streamed "
          "by the server",
        kParallel, run.exitCode, run.wallMs, run.peakKiB, idle.peakKiB,
        streamer.bytesStreamed() / (1024 * 1024));
    QVERIFY2(run.exitCode == 2,
        qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(run.exitCode).arg(run.out, run.err)));
    QVERIFY2(run.peakKiB > 0, "VmHWM was never read");
    QVERIFY2(run.peakKiB - idle.peakKiB < kParallel * (kCapKiB + 2048),
        qPrintable(QStringLiteral("peak RSS %1 KiB, idle %2 KiB").arg(run.peakKiB).arg(idle.peakKiB)));
    // The issue's "~100 MB" for the whole process. flowbench-cli now also maps the ui
    // libraries (map and HTML exports draw with the scene), ~10 MB more at idle, so the
    // absolute line has that margin; the growth over idle is bounded by the cap above.
    QVERIFY2(run.peakKiB < 128 * 1024, qPrintable(QStringLiteral("peak RSS %1 KiB").arg(run.peakKiB)));
    QCOMPARE(streamer.connections(), kParallel);
    // Read up to the cap, never the gigabyte (the rest sat in the kernel's socket buffers).
    QVERIFY2(streamer.bytesStreamed() < kParallel * 64LL * 1024 * 1024,
        qPrintable(QString::number(streamer.bytesStreamed())));

    auto store = ProjectStore::open(path);
    QVERIFY2(store.ok(), qPrintable(store.error()));
    const auto runs = store.value()->runs();
    QVERIFY(runs.ok() && runs.value().size() == 1);
    const auto results = store.value()->results(runs.value().first().id);
    QVERIFY(results.ok());
    int capped = 0;
    qint64 slowest = 0;
    for (const CheckResult &r : results.value()) {
        if (!bigCases.contains(r.testCaseId)) {
            QVERIFY2(r.status == ResultStatus::Pass, qPrintable(r.message));
            continue;
        }
        QVERIFY2(r.status == ResultStatus::Error, qPrintable(r.message));
        QVERIFY2(r.message.startsWith(
                     QStringLiteral("response from 127.0.0.1:%1 is larger than 10 MB").arg(streamer.port())),
            qPrintable(r.message));
        slowest = qMax(slowest, r.durationMs);
        ++capped;
    }
    QCOMPARE(capped, kParallel);
    qInfo("the slowest of them ended after %lld ms", slowest);
    QVERIFY2(slowest < 5000, qPrintable(QString::number(slowest)));
}

QTEST_GUILESS_MAIN(HttpBoundsTest)
#include "tst_httpbounds.moc"
