// bench_layout: Flowbench's in-process layout next to `dot -Tplain` on the same graph.
// Usage: bench_layout [--sizes 100,1000,5000] [--dot-bound-seconds 60] [--in-process-dot]
#include "mapgenerator.h"

#include "io/dotexport.h"
#include "io/dotimport.h"
#include "layout/graphvizlayout.h"
#include "layout/maplayout.h"

#ifdef FLOWBENCH_BENCH_SCENE
#include "scenebench.h"
#include <QApplication>
#endif
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <algorithm>
#include <sys/resource.h>

using namespace flowbench;

namespace {

QTextStream out(stdout);

long peakKb(int who)
{
    rusage usage{};
    getrusage(who, &usage);
    return usage.ru_maxrss;
}

// Best of `runs` (milliseconds), or -1 when a run fails; `first` gets the first run.
double timeLayout(const LayoutRequest &request, int runs, QString *engine, double *first = nullptr)
{
    double best = -1;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        const Result<LayoutResult> result = layoutMap(request);
        const double ms = timer.nsecsElapsed() / 1e6;
        if (!result.ok()) {
            out << "  layout failed: " << result.error() << Qt::endl;
            return -1;
        }
        *engine = result->engine;
        if (first && i == 0)
            *first = ms;
        best = best < 0 ? ms : std::min(best, ms);
    }
    return best;
}

QString ms(double value) { return value < 0 ? QStringLiteral("skipped") : QStringLiteral("%1 ms").arg(value, 0, 'f', 1); }

} // namespace

int main(int argc, char **argv)
{
#ifdef FLOWBENCH_BENCH_SCENE
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // no display needed
    QApplication app(argc, argv);
#else
    QCoreApplication app(argc, argv);
#endif
    QList<int> sizes{100, 1000, 5000};
    int dotBoundSeconds = 60;
    bool inProcessDot = false;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--sizes") && i + 1 < args.size()) {
            sizes.clear();
            for (const QString &s : args[++i].split(QLatin1Char(',')))
                sizes.append(s.toInt());
        } else if (args[i] == QLatin1String("--dot-bound-seconds") && i + 1 < args.size()) {
            dotBoundSeconds = args[++i].toInt();
        } else if (args[i] == QLatin1String("--in-process-dot")) {
            inProcessDot = true; // also time dot in-process at every size (slow at 5,000)
        }
    }
    const QString dotProgram = QStandardPaths::findExecutable(QStringLiteral("dot"));
    const QString gnuTime = QFile::exists(QStringLiteral("/usr/bin/time")) ? QStringLiteral("/usr/bin/time") : QString();
    QTemporaryDir dir;

    out << "Flowbench layout benchmark (best of 3 in-process runs; dot -Tplain once, bound "
        << dotBoundSeconds << " s)" << Qt::endl;
    for (int n : sizes) {
        const int domains = std::max(2, n / 500);
        const Project project = bench::generateLayeredMap(n, domains);
        const LayoutRequest request = LayoutRequest::fromProject(project);
        out << "\n== " << n << " nodes, " << project.edges.size() << " edges, " << domains << " domains ==" << Qt::endl;

        QString engine;
        double firstRun = -1;
        const double automatic = timeLayout(request, 3, &engine, &firstRun);
        out << "  flowbench layout (automatic -> " << engine << "): " << ms(automatic) << " (first run "
            << ms(firstRun) << ")" << Qt::endl;
        if (engine != QLatin1String("layered")) {
            LayoutRequest layered = request;
            layered.strategy = LayoutStrategy::Layered;
            out << "  flowbench layout (layered forced):    " << ms(timeLayout(layered, 3, &engine)) << Qt::endl;
        } else if (inProcessDot) {
            LayoutRequest viaDot = request;
            viaDot.strategy = LayoutStrategy::Graphviz;
            out << "  flowbench layout (dot in-process):    " << ms(timeLayout(viaDot, 1, &engine)) << Qt::endl;
        }

        // The same graph the in-process dot path builds, handed to the dot program.
        const Result<QByteArray> dotText = graphvizInputFor(request);
        const QString dotFile = dir.filePath(QStringLiteral("map-%1.dot").arg(n));
        QFile file(dotFile);
        if (!dotText.ok() || !file.open(QIODevice::WriteOnly) || file.write(*dotText) < 0) {
            out << "  could not write " << dotFile << Qt::endl;
            return 2;
        }
        file.close();
        long dotPeakKb = -1;
        if (dotProgram.isEmpty()) {
            out << "  dot -Tplain: skipped (no dot program on PATH)" << Qt::endl;
        } else {
            // GNU time reports dot's own peak memory; getrusage(RUSAGE_CHILDREN) would also
            // count the copy of this process that fork() makes before exec.
            const QStringList dotArgs{dotProgram, QStringLiteral("-Tplain"), dotFile, QStringLiteral("-o"),
                                      QStringLiteral("/dev/null")};
            QProcess dot;
            QElapsedTimer timer;
            timer.start();
            if (!gnuTime.isEmpty())
                dot.start(gnuTime, QStringList{QStringLiteral("-f"), QStringLiteral("maxrss=%M")} + dotArgs);
            else
                dot.start(dotProgram, dotArgs.mid(1));
            const bool done = dot.waitForStarted() && dot.waitForFinished(dotBoundSeconds * 1000);
            const double elapsed = timer.nsecsElapsed() / 1e6;
            if (!done) {
                dot.kill();
                dot.waitForFinished();
                out << "  dot -Tplain (process):               skipped, over " << dotBoundSeconds << " s" << Qt::endl;
            } else {
                out << "  dot -Tplain (process):               " << ms(elapsed)
                    << (dot.exitCode() == 0 ? QString() : QStringLiteral(" (exit %1)").arg(dot.exitCode())) << Qt::endl;
                const QString report = QString::fromUtf8(dot.readAllStandardError());
                const qsizetype at = report.lastIndexOf(QLatin1String("maxrss="));
                if (at >= 0)
                    dotPeakKb = report.mid(at + 7).trimmed().toLong();
            }
        }

        QElapsedTimer io;
        io.start();
        const QByteArray exported = exportDot(project);
        const double exportMs = io.nsecsElapsed() / 1e6;
        io.restart();
        const Result<DotImport> imported = importDot(exported, QStringLiteral("bench.dot"));
        const double importMs = io.nsecsElapsed() / 1e6;
        out << "  DOT export / import:                  " << ms(exportMs) << " / " << ms(importMs)
            << (imported.ok() ? QString() : QStringLiteral(" (") + imported.error() + QLatin1Char(')')) << Qt::endl;
#ifdef FLOWBENCH_BENCH_SCENE
        if (const Result<LayoutResult> laidOut = layoutMap(request); laidOut.ok()) {
            const bench::SceneFigures scene = bench::measureScene(project, laidOut.value(), dir.path());
            if (!scene.error.isEmpty())
                out << "  scene: " << scene.error << Qt::endl;
            else
                out << "  scene build (write, open, items):     " << ms(scene.buildMs) << Qt::endl
                    << "  frame, whole map in 1600x1000:        " << ms(scene.firstFrameMs) << " first, "
                    << ms(scene.frameMs) << " repaint" << Qt::endl;
        }
#else
        out << "  scene build / frame render:           n/a (built without the GUI)" << Qt::endl;
#endif
        out << "  peak memory: flowbench " << peakKb(RUSAGE_SELF) / 1024 << " MiB (process so far), dot -Tplain "
            << (dotPeakKb >= 0 ? QString::number(dotPeakKb / 1024) + QStringLiteral(" MiB")
                               : QStringLiteral("n/a (needs /usr/bin/time)"))
            << Qt::endl;
    }
    return 0;
}
