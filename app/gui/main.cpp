// flowbench [project.flowbench]: the desktop workbench.
#include "store/projectlocation.h"
#include "report/htmlreportexporter.h"
#include "shell/documentcontroller.h"
#include "shell/mainwindow.h"
#include "shell/pluraltranslator.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Flowbench"));
    QApplication::setApplicationName(QStringLiteral("Flowbench"));
    QApplication::setApplicationVersion(QStringLiteral(FLOWBENCH_VERSION));

    flowbench::registerReportExporter(); // File ▸ Export ▸ Other Formats… lists the HTML report

    flowbench::PluralTranslator plurals;
    QApplication::installTranslator(&plurals);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Map user flows to backend parts and test them."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"), QApplication::translate("main", "The project file (*.flowbench) or shared project URL (postgresql://user@host:port/db?project=NAME) to open."),
                                 QStringLiteral("[project.flowbench | postgresql://…]"));
    parser.process(app);

    flowbench::MainWindow window;
    window.show();
    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty())
        window.documents()->openProject(flowbench::ProjectLocation::looksLikeUrl(args.first())
                                            ? args.first() // postgresql://…?project=NAME
                                            : QDir::current().absoluteFilePath(args.first()));
    return app.exec();
}
