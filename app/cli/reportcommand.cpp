#include "reportcommand.h"

#include "htmlreportfile.h"
#include "projectfiles.h"

namespace flowbench::cli {

void ReportCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("PROJECT"),
        QStringLiteral("The project file (*.flowbench), or canonical JSON exported with --with-runs."));
    parser.addOption({ QStringLiteral("run"),
        QStringLiteral("The run to report, by id or the start of it (default: the newest)."),
        QStringLiteral("ID") });
    parser.addOption({ { QStringLiteral("o"), QStringLiteral("output") },
        QStringLiteral("The HTML file to write (- for standard output)."), QStringLiteral("FILE") });
}

int ReportCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1)
        return usageError(err, name(), QStringLiteral("expects one PROJECT"));
    const QString output = parser.value(QStringLiteral("output"));
    if (output.isEmpty())
        return usageError(err, name(), QStringLiteral("-o FILE is needed (- for standard output)"));
    if (output != QLatin1String("-") && isSameFile(args[0], output))
        return usageError(err, name(), QStringLiteral("-o %1 is the project itself").arg(output));
    const Result<Project> project = readProject(args[0]);
    if (!project) {
        err << project.error() << '\n';
        return ExitBadInput;
    }
    const Result<HtmlReportInput> input
        = HtmlReportInput::fromHistory(project.value(), parser.value(QStringLiteral("run")));
    if (!input) {
        err << args[0] << ": " << input.error() << '\n';
        return ExitBadInput;
    }
    if (const Status written = writeHtmlReport(output, input.value()); !written) {
        err << written.error() << '\n';
        return ExitBadInput;
    }
    if (output != QLatin1String("-"))
        out << output << ": report of run " << input->run.id << '\n';
    return ExitOk;
}

} // namespace flowbench::cli
