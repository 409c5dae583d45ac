#include "commandline.h"
#include "htmlreportfile.h"

#include <QCoreApplication>
#include <memory>

#ifdef FLOWBENCH_CLI_MAP_IMAGES
#include "map/export/mapimageexporter.h"
#include "report/htmlreportexporter.h"

#include <QApplication>

namespace {
// `export|diff --format svg|png|pdf` draws the map with QtWidgets, which needs a QApplication;
// every other command stays a QCoreApplication (no platform plugin, no fonts loaded).
bool drawsMap(int argc, char **argv)
{
    if (argc < 2 || (qstrcmp(argv[1], "export") != 0 && qstrcmp(argv[1], "diff") != 0))
        return false;
    for (int i = 2; i < argc; ++i) {
        QByteArray format;
        if (qstrcmp(argv[i], "--format") == 0 && i + 1 < argc)
            format = argv[i + 1];
        else if (qstrncmp(argv[i], "--format=", 9) == 0)
            format = argv[i] + 9;
        format = format.toLower();
        if (format == "svg" || format == "png" || format == "pdf")
            return true;
    }
    return false;
}
} // namespace
#endif

int main(int argc, char **argv)
{
    std::unique_ptr<QCoreApplication> app;
#ifdef FLOWBENCH_CLI_MAP_IMAGES
    if (drawsMap(argc, argv) || flowbench::cli::makesHtmlReport(argc, argv)) {
        // No X server needed: draw on the offscreen platform unless the user chose one.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QApplication>(argc, argv);
    }
    flowbench::registerMapExporters();
    flowbench::registerReportExporter();
#endif
    if (!app)
        app = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("flowbench-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLOWBENCH_VERSION));
    return flowbench::cli::runCommandLine(QCoreApplication::arguments());
}
