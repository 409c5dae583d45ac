#include "auditcommand.h"

#include "projectfiles.h"
#include "store/leasestore.h"
#include "store/projectstore.h"
#include "texttable.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace flowbench::cli {

namespace {

QString timeText(const QDateTime &when)
{
    return when.isValid() ? when.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                          : QStringLiteral("-");
}

QString yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

QJsonObject entryJson(const AuditEntry &e)
{
    return QJsonObject { { QStringLiteral("run"), e.runId }, { QStringLiteral("who"), e.who },
        { QStringLiteral("host"), e.host },
        { QStringLiteral("startedAt"), e.startedAt.toUTC().toString(Qt::ISODateWithMs) },
        { QStringLiteral("finishedAt"),
            e.finishedAt.isValid() ? QJsonValue(e.finishedAt.toUTC().toString(Qt::ISODateWithMs))
                                   : QJsonValue() },
        { QStringLiteral("selection"), e.selection }, { QStringLiteral("checks"), e.checks },
        { QStringLiteral("writesAllowed"), e.writesAllowed },
        { QStringLiteral("faultsAllowed"), e.faultsAllowed },
        { QStringLiteral("outcome"), e.outcome.isEmpty() ? QJsonValue() : QJsonValue(e.outcome) } };
}

} // namespace

void AuditCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("PROJECT"),
        QStringLiteral("The project file (*.flowbench) or a shared project's postgresql:// URL."));
    parser.addOptions({
        { QStringLiteral("env"), QStringLiteral("The environment whose runs to list."),
            QStringLiteral("name") },
        { QStringLiteral("json"), QStringLiteral("Print JSON instead of a table.") },
    });
}

int AuditCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1)
        return usageError(err, name(), QStringLiteral("expects one PROJECT"));
    const QString envName = parser.value(QStringLiteral("env"));
    if (envName.isEmpty())
        return usageError(err, name(), QStringLiteral("--env NAME is required"));
    const QString &path = args.first();
    const std::unique_ptr<ProjectStore> store = openExistingProject(path, err);
    if (!store)
        return ExitBadInput;
    const Result<QList<Environment>> environments = store->environments();
    if (!environments) {
        err << environments.error() << '\n';
        return ExitBadInput;
    }
    const Environment *environment = nullptr;
    QStringList names;
    for (const Environment &e : environments.value()) {
        names << e.name;
        if (e.name == envName)
            environment = &e;
    }
    if (!environment) {
        names.sort();
        err << path << ": no environment \"" << envName
            << "\" (it has: " << (names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", ")))
            << ")\n";
        return ExitBadInput;
    }
    const LeaseStore leases(store->connectionName(), store->path());
    const Result<QList<AuditEntry>> entries = leases.audit(environment->id);
    if (!entries) {
        err << entries.error() << '\n';
        return ExitBadInput;
    }
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray runs;
        for (const AuditEntry &e : entries.value())
            runs.append(entryJson(e));
        const QJsonObject root { { QStringLiteral("environment"), environment->name },
            { QStringLiteral("shared"), environment->isShared },
            { QStringLiteral("protected"), environment->isProtected }, { QStringLiteral("runs"), runs } };
        out << QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
        return ExitOk;
    }
    out << QStringLiteral("Environment: %1 (%2)\n\n")
               .arg(environment->name,
                   environment->isShared && environment->isProtected ? QStringLiteral("shared, protected")
                       : environment->isShared                       ? QStringLiteral("shared")
                       : environment->isProtected                    ? QStringLiteral("protected")
                                                  : QStringLiteral("neither shared nor protected"));
    if (entries.value().isEmpty()) {
        out << "  no runs against it yet\n";
        return ExitOk;
    }
    QList<QStringList> rows { { QStringLiteral("STARTED (UTC)"), QStringLiteral("FINISHED"),
        QStringLiteral("WHO"), QStringLiteral("HOST"), QStringLiteral("WRITES"), QStringLiteral("FAULTS"),
        QStringLiteral("OUTCOME"), QStringLiteral("SELECTION"), QStringLiteral("TEST CASES") } };
    for (const AuditEntry &e : entries.value())
        rows << QStringList { timeText(e.startedAt), timeText(e.finishedAt), e.who, e.host,
            yesNo(e.writesAllowed), yesNo(e.faultsAllowed),
            e.outcome.isEmpty() ? QStringLiteral("unfinished") : e.outcome, e.selection, e.checks };
    out << alignedColumns(rows);
    return ExitOk;
}

} // namespace flowbench::cli
