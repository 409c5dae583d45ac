#include "commandline.h"

#include "commandtable.h"

#include <QCoreApplication>

namespace flowbench::cli {

namespace {

const QString kProgram = QStringLiteral("flowbench-cli");

QString topLevelHelp(const std::vector<std::unique_ptr<Command>> &commands)
{
    QString text = QStringLiteral("Usage: %1 COMMAND [options] [arguments]\n\n"
                                  "Flowbench on the command line: no display needed.\n\n"
                                  "Commands:\n")
                       .arg(kProgram);
    int width = 0;
    for (const auto &c : commands)
        width = qMax(width, int(c->name().size()));
    for (const auto &c : commands)
        text += QStringLiteral("  %1  %2\n").arg(c->name().leftJustified(width), c->summary());
    text += QStringLiteral("\nOptions:\n"
                           "  -h, --help     Show this help; `%1 COMMAND --help` for a command.\n"
                           "  -v, --version  Show the version.\n\n"
                           "Exit codes: 0 ok, 1 a check failed, 2 bad input or an error.\n")
                .arg(kProgram);
    return text;
}

// Qt's help starts "Usage: /path/to/program [options] ..."; name the command instead.
QString commandHelp(const QCommandLineParser &parser, const Command &command)
{
    QString text = parser.helpText();
    const int lineEnd = text.indexOf(QLatin1Char('\n'));
    const QString firstLine = text.left(lineEnd);
    const int afterProgram = firstLine.indexOf(QLatin1Char(' '), 7);
    const QString rest = afterProgram < 0 ? QString() : firstLine.mid(afterProgram);
    return QStringLiteral("Usage: %1 %2%3\n%4\n%5")
        .arg(kProgram, command.name(), rest, command.summary(), text.mid(lineEnd + 1));
}

int runCommand(const Command &command, const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    command.declare(parser);
    // QCommandLineParser skips the first entry as the program name.
    if (!parser.parse(QStringList{kProgram} + arguments))
        return usageError(err, command.name(), parser.errorText());
    if (parser.isSet(help)) {
        out << commandHelp(parser, command);
        return ExitOk;
    }
    return command.run(parser, out, err);
}

} // namespace

int usageError(QTextStream &err, const QString &command, const QString &message)
{
    const QString who = command.isEmpty() ? kProgram : kProgram + QLatin1Char(' ') + command;
    err << who << ": " << message << "\n"
        << "Try '" << who << " --help'.\n";
    return ExitBadInput;
}

int runCommandLine(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const auto commands = createCommands();
    const auto find = [&](const QString &name) -> const Command * {
        for (const auto &c : commands)
            if (c->name() == name)
                return c.get();
        return nullptr;
    };

    const QStringList args = arguments.mid(1);
    if (args.isEmpty()) {
        err << topLevelHelp(commands);
        return ExitBadInput;
    }
    const QString first = args.first();
    if (first == QLatin1String("--help") || first == QLatin1String("-h")) {
        out << topLevelHelp(commands);
        return ExitOk;
    }
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        out << kProgram << " " << QStringLiteral(FLOWBENCH_VERSION) << "\n";
        return ExitOk;
    }
    if (first == QLatin1String("help")) {
        if (args.size() == 1) {
            out << topLevelHelp(commands);
            return ExitOk;
        }
        if (const Command *c = find(args.at(1)))
            return runCommand(*c, {QStringLiteral("--help")}, out, err);
        return usageError(err, QString(), QStringLiteral("unknown command \"%1\"").arg(args.at(1)));
    }
    if (first.startsWith(QLatin1Char('-')))
        return usageError(err, QString(), QStringLiteral("unknown option \"%1\"").arg(first));
    const Command *command = find(first);
    if (!command)
        return usageError(err, QString(), QStringLiteral("unknown command \"%1\"").arg(first));
    return runCommand(*command, args.mid(1), out, err);
}

} // namespace flowbench::cli
