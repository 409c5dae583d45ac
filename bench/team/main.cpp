// Several people editing one shared project at once (issue 14): N simulated editors
// (threads, each with its own connection, document and event loop) make random edits to
// a generated project on a PostgreSQL this program starts in a private temporary folder;
// an observer client measures how long a commit takes to show in its document through
// the live path (NOTIFY, StoreWatcher, syncWithStore). Then: how long opening a
// 5,000-node shared project takes. See README.md.
#include "document/projectdocument.h"
#include "layout/mapgenerator.h"
#include "store/projectstore.h"
#include "support/postgresserver.h"
#include "team/editor.h"
#include "team/observer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QThread>
#include <QTimer>
#include <QUuid>
#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace flowbench;
using namespace flowbench::bench;

namespace {

const char kPasswordVariable[] = "FLOWBENCH_BENCH_TEAM_PG";

QString projectUrl(quint16 port, const QString &project)
{
    return QStringLiteral("postgresql://team@127.0.0.1:%1/flowbench?project=%2&password_ref=${env:%3}")
        .arg(port)
        .arg(project, QLatin1String(kPasswordVariable));
}

// The layered map of the other benches, one test case per node.
Project teamProject(int nodes, const QString &name)
{
    Project p = generateLayeredMap(nodes, std::max(2, nodes / 50));
    p.name = name;
    for (const Node &n : std::as_const(p.nodes)) {
        TestCase t;
        t.id = newId();
        t.nodeId = n.id;
        t.title = QStringLiteral("health of %1").arg(n.name);
        p.testCases.append(t);
    }
    return p;
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return NAN;
    std::sort(values.begin(), values.end());
    const int index = std::clamp(int(std::ceil(p * values.size())) - 1, 0, int(values.size()) - 1);
    return values.at(index);
}

// Runs the event loop until `done` or `timeoutMs`.
void waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs) {
        QEventLoop loop;
        QTimer::singleShot(10, &loop, &QEventLoop::quit);
        loop.exec();
    }
}

// One round: `editors` people on a fresh project of `nodes` nodes. False on a setup error.
bool runRound(
    quint16 port, int editors, int edits, int nodes, quint32 seed, bool wholeSync, bool scanSync, bool *anyLost)
{
    const QString name = QStringLiteral("team_%1_editors").arg(editors);
    const QString url = projectUrl(port, name);
    const Project project = teamProject(nodes, name);
    const ProjectLocation location = ProjectLocation::parse(url).value();
    if (Status s = ProjectStore::writeShared(location, project, true); !s) {
        std::fprintf(stderr, "push failed: %s\n", qPrintable(s.error()));
        return false;
    }
    auto observed = ProjectDocument::open(url);
    if (!observed) {
        std::fprintf(stderr, "observer: %s\n", qPrintable(observed.error()));
        return false;
    }
    observed.value()->setSyncReadsEverything(wholeSync);
    Observer observer(std::move(observed).value(), scanSync);

    QSemaphore opened, go;
    QList<EditorReport> reports(editors);
    QList<QThread *> threads;
    int finished = 0;
    for (int i = 0; i < editors; ++i) {
        EditorPlan plan;
        plan.url = url;
        plan.index = i;
        plan.edits = edits;
        plan.seed = seed * 1000 + quint32(i);
        for (const Node &n : project.nodes)
            plan.nodeIds << n.id;
        for (const TestCase &t : project.testCases)
            plan.caseIds << t.id;
        plan.opened = &opened;
        plan.go = &go;
        plan.wholeSync = wholeSync;
        plan.scanSync = scanSync;
        QThread *thread = QThread::create([plan, &reports, i] { reports[i] = runEditor(plan); });
        QObject::connect(thread, &QThread::finished, qApp, [&finished] { ++finished; });
        threads << thread;
        thread->start();
    }
    if (!opened.tryAcquire(editors, 120000)) {
        std::fprintf(stderr, "the editors did not open the project within 120 s\n");
        go.release(editors);
        for (QThread *t : threads)
            t->wait();
        qDeleteAll(threads);
        return false;
    }
    go.release(editors);
    waitFor([&] { return finished == editors; }, 60 * 60 * 1000);
    // The last commits still on their way to the observer: wait until it has been quiet
    // for a second (bounded).
    waitFor([&] { return nowNs() - observer.lastSyncNs() > 1000000000LL; }, 10000);
    for (QThread *t : threads)
        t->wait();
    qDeleteAll(threads);

    auto store = ProjectStore::open(url);
    const Result<Project> stored = store ? store.value()->load() : Result<Project>::failure(store.error());
    if (!stored) {
        std::fprintf(stderr, "reading the store back failed: %s\n", qPrintable(stored.error()));
        return false;
    }
    const Verdict verdict = verifyAgainstStore(stored.value(), reports);

    qint64 first = std::numeric_limits<qint64>::max(), last = 0;
    int acked = 0, attempts = 0, conflicts = 0, failures = 0, syncs = 0;
    QList<double> latencies;
    QStringList errors;
    for (const EditorReport &r : std::as_const(reports)) {
        if (r.startNs)
            first = std::min(first, r.startNs);
        last = std::max(last, r.endNs);
        acked += r.acks.size();
        attempts += r.attempts;
        conflicts += r.conflicts;
        failures += r.failures;
        syncs += r.syncs;
        for (const QString &e : r.errors)
            if (errors.size() < 5)
                errors << QStringLiteral("editor %1: %2").arg(r.editor).arg(e);
        for (const Ack &a : r.acks) {
            const auto seen = observer.seen().constFind(a.seenKey());
            if (seen != observer.seen().cend())
                latencies << std::max<qint64>(0, *seen - a.committedNs) / 1e6;
        }
    }
    const double seconds = last > first ? (last - first) / 1e9 : NAN;
    std::printf("%7d %6d %6d %7.1f %8.1f %6d %8.1f %8.1f %9d %6d %5d\n", editors, attempts, acked, seconds,
        acked / seconds, int(latencies.size()), percentile(latencies, 0.5), percentile(latencies, 0.99),
        conflicts, failures, verdict.lost);
    std::fflush(stdout);
    for (const QString &e : std::as_const(errors))
        std::printf("        %s\n", qPrintable(e));
    for (const QString &d : verdict.details)
        std::printf("        LOST: %s\n", qPrintable(d));
    if (!observer.error().isEmpty())
        std::printf("        observer: %s\n", qPrintable(observer.error()));
    std::printf("        (%d fields and edges checked; observer synced %d times, editors %d times; one sync "
                "with nothing new takes %.0f ms)\n",
        verdict.fieldsChecked, observer.syncs(), syncs, observer.idleSyncMs(5));
    if (verdict.lost > 0)
        *anyLost = true;
    return true;
}

// Pushes a project of `nodes` nodes and opens it as a ProjectDocument `times` times.
bool timeOpening(quint16 port, int nodes, int times)
{
    const QString name = QStringLiteral("open_%1").arg(nodes);
    const QString url = projectUrl(port, name);
    const Project project = teamProject(nodes, name);
    QElapsedTimer t;
    t.start();
    if (Status s = ProjectStore::writeShared(ProjectLocation::parse(url).value(), project, true); !s) {
        std::fprintf(stderr, "push failed: %s\n", qPrintable(s.error()));
        return false;
    }
    std::printf("\npushed %d nodes, %d edges, %d test cases in %lld ms\n", int(project.nodes.size()),
        int(project.edges.size()), int(project.testCases.size()), t.elapsed());
    QList<double> ms;
    for (int i = 0; i < times; ++i) {
        t.restart();
        auto doc = ProjectDocument::open(url);
        const double elapsed = t.nsecsElapsed() / 1e6;
        if (!doc || doc.value()->nodeCount() != nodes) {
            std::fprintf(stderr, "open failed: %s\n", doc ? "wrong node count" : qPrintable(doc.error()));
            return false;
        }
        ms << elapsed;
    }
    QStringList each;
    for (double m : std::as_const(ms))
        each << QString::number(m, 'f', 0);
    const double median = percentile(ms, 0.5), max = *std::max_element(ms.cbegin(), ms.cend());
    std::printf("open %d-node shared project (connect + load), %d times: %s ms\n", nodes, times,
        qPrintable(each.join(QStringLiteral(", "))));
    std::printf("  median %.0f ms, max %.0f ms; target under 1000 ms: %s\n", median, max,
        median < 1000 ? (max < 1000 ? "met" : "met by the median, not by the slowest") : "NOT met");
    // What each client pays per look at others' commits on a project this size.
    auto doc = ProjectDocument::open(url);
    if (!doc)
        return false;
    QList<double> syncs;
    for (int i = 0; i < times; ++i) {
        t.restart();
        if (!doc.value()->syncWithStore())
            return false;
        syncs << t.nsecsElapsed() / 1e6;
    }
    std::printf(
        "  a sync with nothing new (a scan, or the whole project with --whole-sync): median %.0f ms\n",
        percentile(syncs, 0.5));
    return true;
}

// Pushes a project of `nodes` nodes; another client renames one node at a time and the
// document takes each rename in (syncWithStore, timed): what a look costs per commit.
bool timeRemoteRename(quint16 port, int nodes, int times)
{
    const QString name = QStringLiteral("sync_%1").arg(nodes);
    const QString url = projectUrl(port, name);
    const Project project = teamProject(nodes, name);
    if (Status s = ProjectStore::writeShared(ProjectLocation::parse(url).value(), project, true); !s) {
        std::fprintf(stderr, "push failed: %s\n", qPrintable(s.error()));
        return false;
    }
    auto told = ProjectDocument::open(url);
    auto doc = ProjectDocument::open(url);
    auto whole = ProjectDocument::open(url);
    auto other = ProjectStore::open(url);
    if (!told || !doc || !whole || !other) {
        std::fprintf(stderr, "open failed\n");
        return false;
    }
    whole.value()->setSyncReadsEverything(true);
    QList<double> named, scanned, read;
    int rowsRead = 0, namedRowsRead = 0;
    QElapsedTimer t;
    for (int i = 0; i < times; ++i) {
        Result<Node> n = other.value()->node(project.nodes.at(i % project.nodes.size()).id);
        if (!n)
            return false;
        n->name = QStringLiteral("renamed %1").arg(i);
        if (Status s = other.value()->updateNode(n.value()); !s) {
            std::fprintf(stderr, "rename failed: %s\n", qPrintable(s.error()));
            return false;
        }
        // The notification, with the rows it names, reaches the told document.
        const qint64 heard = told.value()->storeVersion().value();
        waitFor([&] { return told.value()->storeVersion().value() > heard; }, 5000);
        for (auto [document, ms] : { std::pair { told.value().get(), &named },
                 std::pair { doc.value().get(), &scanned }, std::pair { whole.value().get(), &read } }) {
            t.start();
            const Status s = document == told.value().get() ? document->syncWithOthers() : document->syncWithStore();
            if (!s) {
                std::fprintf(stderr, "sync failed: %s\n", qPrintable(s.error()));
                return false;
            }
            *ms << t.nsecsElapsed() / 1e6;
            if (document->node(n->id)->name != n->name) {
                std::fprintf(stderr, "the sync did not take the rename in\n");
                return false;
            }
        }
        rowsRead = std::max(rowsRead, doc.value()->lastSyncLoadedRows());
        namedRowsRead = std::max(namedRowsRead, told.value()->lastSyncLoadedRows());
    }
    auto list = [](const QList<double> &ms) {
        QStringList each;
        for (double m : ms)
            each << QString::number(m, 'f', 1);
        return each.join(QStringLiteral(", "));
    };
    std::printf("\nsync after another client renamed one node of %d, %d times:\n", nodes, times);
    std::printf("  the rows the commit named (%d read):   %s ms (median %.1f ms)\n", namedRowsRead,
        qPrintable(list(named)), percentile(named, 0.5));
    std::printf("  scan, then the changed rows (%d read): %s ms (median %.1f ms)\n", rowsRead,
        qPrintable(list(scanned)), percentile(scanned, 0.5));
    std::printf("  the whole project read (--whole-sync):  %s ms (median %.1f ms)\n", qPrintable(list(read)),
        percentile(read, 0.5));
    return true;
}

QList<int> numbers(const QString &text)
{
    QList<int> out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        out << part.trimmed().toInt();
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Simulated editors on one shared project (PostgreSQL)."));
    parser.addHelpOption();
    const QCommandLineOption editorsOption(QStringLiteral("editors"), QStringLiteral("Rounds of N editors."),
        QStringLiteral("N,N,..."), QStringLiteral("2,8,32"));
    const QCommandLineOption editsOption(QStringLiteral("edits"), QStringLiteral("Edits per editor."),
        QStringLiteral("count"), QStringLiteral("500"));
    const QCommandLineOption nodesOption(QStringLiteral("nodes"),
        QStringLiteral("Nodes of the edited project."), QStringLiteral("count"), QStringLiteral("1000"));
    const QCommandLineOption openNodesOption(QStringLiteral("open-nodes"),
        QStringLiteral("Nodes of the project timed opening (0: skip)."), QStringLiteral("count"),
        QStringLiteral("5000"));
    const QCommandLineOption opensOption(QStringLiteral("opens"),
        QStringLiteral("How many times to open it."), QStringLiteral("count"), QStringLiteral("5"));
    const QCommandLineOption syncNodesOption(QStringLiteral("sync-nodes"),
        QStringLiteral("Nodes of the project timed taking one remote rename in (0: skip)."),
        QStringLiteral("count"), QStringLiteral("1000"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Seed of the random edits."),
        QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption wholeSyncOption(QStringLiteral("whole-sync"),
        QStringLiteral("Every client reads the whole project per sync, as before the scan (to compare)."));
    const QCommandLineOption scanSyncOption(QStringLiteral("scan-sync"),
        QStringLiteral("Every client scans the project per sync instead of reading the rows others' commits "
                       "named (to compare)."));
    const QCommandLineOption quickOption(QStringLiteral("quick"),
        QStringLiteral("A small run: 2 and 4 editors, 40 edits, 200 nodes; open 1,000 nodes 3 times."));
    parser.addOptions({ editorsOption, editsOption, nodesOption, openNodesOption, opensOption,
        syncNodesOption, seedOption, wholeSyncOption, scanSyncOption, quickOption });
    parser.process(app);

    const bool quick = parser.isSet(quickOption);
    auto value = [&](const QCommandLineOption &o, const QString &quickValue) {
        return quick && !parser.isSet(o) ? quickValue : parser.value(o);
    };
    const QList<int> editorCounts = numbers(value(editorsOption, QStringLiteral("2,4")));
    const int edits = value(editsOption, QStringLiteral("40")).toInt();
    const int nodes = value(nodesOption, QStringLiteral("200")).toInt();
    const int openNodes = value(openNodesOption, QStringLiteral("1000")).toInt();
    const int opens = value(opensOption, QStringLiteral("3")).toInt();
    const int syncNodes = value(syncNodesOption, QStringLiteral("200")).toInt();
    const quint32 seed = parser.value(seedOption).toUInt();
    const bool wholeSync = parser.isSet(wholeSyncOption);
    const bool scanSync = parser.isSet(scanSyncOption);

    testing::PostgresServer pg;
    const QString password = QUuid::createUuid().toString(QUuid::WithoutBraces);
    qputenv(kPasswordVariable, password.toUtf8());
    if (const QString problem
        = pg.startOrWhyNot(QStringLiteral("flowbench"), QStringLiteral("team"), password);
        !problem.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(problem));
        return 2;
    }
    std::printf(
        "PostgreSQL on 127.0.0.1:%d; %d cores; %d edits per editor on a %d-node project (seed %u)\n\n",
        pg.port(), QThread::idealThreadCount(), edits, nodes, seed);
    std::printf("editors  tried  acked       s  edits/s   seen  p50 ms   p99 ms conflicts failed  lost\n");
    bool anyLost = false;
    for (int n : editorCounts)
        if (!runRound(pg.port(), n, edits, nodes, seed, wholeSync, scanSync, &anyLost))
            return 2;
    if (openNodes > 0 && !timeOpening(pg.port(), openNodes, opens))
        return 2;
    if (syncNodes > 0 && !timeRemoteRename(pg.port(), syncNodes, 9))
        return 2;
    pg.stop();
    return anyLost ? 1 : 0;
}
