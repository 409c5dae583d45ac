// Map images and the HTML report of generated maps with results: how long File ▸ Export
// Map…, File ▸ Export ▸ Report… and `flowbench-cli export --format svg|pdf|png` take, and
// how big the files are, beside Graphviz's own renderers on the same graph. Usage:
// bench_export [SIZES...] (default 100 1000 5000); runs on the offscreen platform unless
// QT_QPA_PLATFORM is set.
#include "io/dotexport.h"
#include "layout/mapgenerator.h"
#include "map/export/mapimage.h"
#include "map/export/pngencoder.h"
#include "map/export/projectmap.h"
#include "report/htmlreportexporter.h"
#include "store/databasefile.h"

#include <QApplication>
#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <cmath>
#include <cstdio>
#include <ctime>

using namespace flowbench;

namespace {

// The generated map on a grid (as a laid-out map would be) with one test case and one
// check per node and a run in which every seventh node fails.
Project mapWithResults(int count)
{
    Project p = bench::generateLayeredMap(count, qMax(2, count / 50));
    const int columns = qMax(10, int(std::sqrt(count * 2.0)));
    Run run;
    run.id = newId();
    run.environment = QStringLiteral("bench");
    run.startedAt = QDateTime::currentDateTimeUtc();
    run.finishedAt = run.startedAt;
    for (int i = 0; i < p.nodes.size(); ++i) {
        Node &n = p.nodes[i];
        n.x = (i % columns) * 260;
        n.y = (i / columns) * 110;
        TestCase t;
        t.id = newId();
        t.nodeId = n.id;
        t.title = QStringLiteral("health of %1").arg(n.name);
        Check c;
        c.id = newId();
        c.type = QStringLiteral("http");
        t.checks.append(c);
        p.testCases.append(t);
        CheckResult r;
        r.id = newId();
        r.runId = run.id;
        r.testCaseId = t.id;
        r.checkId = c.id;
        r.nodeId = n.id;
        r.status = i % 7 == 0 ? ResultStatus::Fail : ResultStatus::Pass;
        if (r.status == ResultStatus::Fail) {
            // What a failed HTTP check carries into the report: a message and an excerpt.
            r.message = QStringLiteral("expected status 200, got 503");
            r.evidence
                = QStringLiteral("GET http://127.0.0.1:8080/%1/health\n\nHTTP/1.1 503 Service "
                                 "Unavailable\ncontent-type: application/json\n\n{\"error\":\"upstream "
                                 "timeout\",\"retry_after\":5}")
                      .arg(n.name);
        }
        r.finishedAt = run.finishedAt;
        p.results.append(r);
    }
    p.runs.append(run);
    return p;
}

double msSince(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

// This process's CPU time: on a shared machine the wall clock also counts waiting for a core.
double cpuMs()
{
    return double(std::clock()) * 1000.0 / CLOCKS_PER_SEC;
}

QString kb(qint64 bytes)
{
    return QString::number((bytes + 512) / 1024);
}

// Graphviz on the same graph: milliseconds and bytes, or "-" when missing or over 60 s
// (or not wanted: BENCH_EXPORT_NO_DOT=1).
QPair<QString, QString> runDot(const QByteArray &dot, const QString &format)
{
    const QString exe = QStandardPaths::findExecutable(QStringLiteral("dot"));
    if (exe.isEmpty() || qEnvironmentVariableIsSet("BENCH_EXPORT_NO_DOT"))
        return { QStringLiteral("-"), QStringLiteral("-") };
    QProcess p;
    QElapsedTimer t;
    t.start();
    p.start(exe, { QStringLiteral("-T") + format });
    p.write(dot);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return { QStringLiteral(">60000"), QStringLiteral("-") };
    }
    const double ms = msSince(t);
    return { QString::number(ms, 'f', 0), kb(p.readAllStandardOutput().size()) };
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QList<int> sizes;
    for (int i = 1; i < argc; ++i)
        sizes << QString::fromLocal8Bit(argv[i]).toInt();
    if (sizes.isEmpty())
        sizes = { 100, 1000, 5000 };

    std::printf("%6s %8s | %-5s %9s %9s %9s | %12s %9s\n", "nodes", "build ms", "fmt", "ms", "cpu ms", "KiB",
        "dot ms", "dot KiB");
    for (int count : sizes) {
        const Project project = mapWithResults(count);
        MapImageOptions options;
        options.overlay = MapOverlay::Mode::Results;
        QElapsedTimer t;
        t.start();
        auto map = ProjectMap::build(project, options);
        if (!map) {
            std::fprintf(stderr, "%s\n", qPrintable(map.error()));
            return 1;
        }
        const double buildMs = msSince(t);
        const QByteArray dot = exportDot(project);
        // The project file too, to time `flowbench-cli export` on it (README).
        if (const QString keep = qEnvironmentVariable("BENCH_EXPORT_KEEP"); !keep.isEmpty()) {
            const QString file = QStringLiteral("%1/map-%2.flowbench").arg(keep).arg(count);
            QFile::remove(file);
            if (Status s = writeProjectFile(project, file); !s)
                std::fprintf(stderr, "%s\n", qPrintable(s.error()));
        }
        for (auto format :
            { MapImageOptions::Format::Svg, MapImageOptions::Format::Pdf, MapImageOptions::Format::Png }) {
            options.format = format;
            t.restart();
            const double cpu0 = cpuMs();
            const Result<QByteArray> bytes = mapFile(map.value()->scene(), options);
            const double ms = msSince(t);
            const double cpu = cpuMs() - cpu0;
            if (!bytes) {
                std::fprintf(stderr, "%s\n", qPrintable(bytes.error()));
                return 1;
            }
            const QString suffix = mapImageSuffix(format);
            // BENCH_EXPORT_KEEP=DIR keeps the files to look at (map-<nodes>.<suffix>) and the
            // project (map-<nodes>.flowbench).
            if (const QString keep = qEnvironmentVariable("BENCH_EXPORT_KEEP"); !keep.isEmpty()) {
                QFile file(QStringLiteral("%1/map-%2.%3").arg(keep).arg(count).arg(suffix));
                if (file.open(QIODevice::WriteOnly))
                    file.write(bytes.value());
            }
            const auto dotResult = format == MapImageOptions::Format::Png
                ? QPair<QString, QString>(QStringLiteral("(n/a)"), QStringLiteral("(n/a)"))
                : runDot(dot, suffix);
            std::printf("%6d %8.0f | %-5s %9.0f %9.0f %9s | %12s %9s\n", count, buildMs, qPrintable(suffix),
                ms, cpu, qPrintable(kb(bytes.value().size())), qPrintable(dotResult.first),
                qPrintable(dotResult.second));
            std::fflush(stdout);
        }
        // The HTML report of the run as File ▸ Export ▸ Report… and `flowbench-cli report`
        // make it from the project: its map (scene build and SVG) and the page around it.
        // dot -Tsvg beside it is the graph alone as an SVG page.
        {
            t.restart();
            const double cpu0 = cpuMs();
            const Result<QByteArray> html = HtmlReportExporter().write(project, ExportOptions());
            const double ms = msSince(t);
            const double cpu = cpuMs() - cpu0;
            if (!html) {
                std::fprintf(stderr, "%s\n", qPrintable(html.error()));
                return 1;
            }
            if (const QString keep = qEnvironmentVariable("BENCH_EXPORT_KEEP"); !keep.isEmpty()) {
                QFile file(QStringLiteral("%1/report-%2.html").arg(keep).arg(count));
                if (file.open(QIODevice::WriteOnly))
                    file.write(html.value());
            }
            const auto dotResult = runDot(dot, QStringLiteral("svg"));
            std::printf("%6d %8s | %-5s %9.0f %9.0f %9s | %12s %9s\n", count, "", "html", ms, cpu,
                qPrintable(kb(html.value().size())), qPrintable(dotResult.first),
                qPrintable(dotResult.second));
            std::fflush(stdout);
        }
        // Its two parts: the map with the run's results (the scene built again and drawn as
        // SVG) and the page around it (summary, changes, failures, coverage, risk).
        {
            t.restart();
            double cpu0 = cpuMs();
            Result<HtmlReportInput> input = HtmlReportInput::fromHistory(project);
            if (!input) {
                std::fprintf(stderr, "%s\n", qPrintable(input.error()));
                return 1;
            }
            completeReportInput(input.value());
            std::printf("%6d %8s | %-5s %9.0f %9.0f %9s |\n", count, "", "h/map", msSince(t), cpuMs() - cpu0,
                qPrintable(kb(input.value().mapSvg.size())));
            t.restart();
            cpu0 = cpuMs();
            const QByteArray page = HtmlReport::toHtml(input.value());
            std::printf("%6d %8s | %-5s %9.0f %9.0f %9s |\n", count, "", "h/page", msSince(t), cpuMs() - cpu0,
                qPrintable(kb(page.size())));
        }
        // The PNG's painting alone, without encoding.
        options.format = MapImageOptions::Format::Png;
        t.restart();
        const double cpu0 = cpuMs();
        const QImage image = mapRaster(map.value()->scene(), options);
        std::printf("%6d %8s | %-5s %9.0f %9.0f %9s | %12s %9s\n", count, "", "paint", msSince(t),
            cpuMs() - cpu0, qPrintable(QStringLiteral("%1x%2").arg(image.width()).arg(image.height())), "",
            "");
        // Its encoding alone: one strip on one thread beside strips on every core. CPU is the
        // sum over threads, so "ms" is what shows the strips working at once.
        for (int strips : { 1, qBound(1, QThread::idealThreadCount(), 8) }) {
            t.restart();
            const double encodeCpu0 = cpuMs();
            const Result<QByteArray> png = encodeMapPng(image, strips);
            std::printf("%6d %8s | %-5s %9.0f %9.0f %9s | %12s %9s\n", count, "",
                qPrintable(QStringLiteral("enc/%1").arg(strips)), msSince(t), cpuMs() - encodeCpu0,
                qPrintable(kb(png ? png.value().size() : 0)), "", "");
        }
    }
    return 0;
}
