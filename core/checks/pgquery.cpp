#include "checks/pgquery.h"

#include "checks/pgconnection.h"
#include "checks/pgroleverdict.h"
#include "checks/pgvalues.h"
#include "checks/secretresolver.h"
#include "checks/sqlstatementanalyzer.h"

#include <QJsonObject>
#include <QLocale>

namespace flowbench {

namespace {

// The server's statement_timeout speaks first; the client's bound catches a server that
// does not answer at all.
constexpr int kClientGraceMs = 1000;

SqlResponse failure(const QString &message)
{
    SqlResponse r;
    r.error = message;
    return r;
}

std::optional<QByteArray> textOf(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    switch (value.typeId()) {
    case QMetaType::Bool:
        return QByteArray(value.toBool() ? "true" : "false");
    case QMetaType::Double:
        return QByteArray::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    default:
        return value.toString().toUtf8();
    }
}

// The connection's own options (sslmode, sslrootcert, options='-c search_path=…') first,
// then what a check needs, which wins: the server's read-only default, the statement
// timeout and the output styles pgValueToJson reads.
Result<PgConnection::Parameters> connectionParameters(const SqlRequest &request)
{
    using R = Result<PgConnection::Parameters>;
    const Connection &c = request.connection;
    auto parsed = PgConnection::parseOptions(c.options);
    if (!parsed)
        return R::failure(QStringLiteral("connection %1: options: %2").arg(c.name, parsed.error()));
    PgConnection::Parameters parameters = parsed.value();
    QByteArray serverOptions;
    for (qsizetype i = parameters.size() - 1; i >= 0; --i) {
        if (parameters.at(i).first == "replication")
            return R::failure(
                QStringLiteral("connection %1: options: a replication connection cannot run sql checks")
                    .arg(c.name));
        if (parameters.at(i).first == "options")
            serverOptions = parameters.takeAt(i).second;
    }
    const auto set = [&parameters](const QByteArray &key, const QByteArray &value) {
        parameters.removeIf([&key](const auto &p) { return p.first == key; });
        parameters.append({ key, value });
    };
    if (!c.host.isEmpty())
        set("host", c.host.toUtf8());
    set("port", QByteArray::number(c.port > 0 ? c.port : 5432));
    set("dbname", c.database.toUtf8());
    if (!c.user.isEmpty())
        set("user", c.user.toUtf8());
    if (!c.passwordRef.isEmpty()) {
        const auto password = SecretResolver::resolve(c.passwordRef);
        if (!password)
            return R::failure(QStringLiteral("password for connection %1: %2").arg(c.name, password.error()));
        set("password", password->toUtf8());
    }
    set("connect_timeout", QByteArray::number(qMax(2, (request.timeoutMs + 999) / 1000)));
    set("client_encoding", "UTF8");
    if (std::none_of(parameters.begin(), parameters.end(),
            [](const auto &p) { return p.first == "application_name"; }))
        set("application_name", "flowbench");
    serverOptions += " -c statement_timeout=" + QByteArray::number(request.timeoutMs)
        + " -c DateStyle=ISO -c IntervalStyle=postgres -c bytea_output=hex -c extra_float_digits=3";
    if (!request.allowWrites)
        serverOptions += " -c default_transaction_read_only=on";
    set("options", serverOptions.trimmed());
    return parameters;
}

QString protectedRefusal(const SqlRequest &request, const QString &where, const PgRoleVerdict &verdict)
{
    const Connection &c = request.connection;
    return QStringLiteral(
        "environment \"%1\" is protected, and role %2 on %3 %4: sql checks there run only over a role "
        "that can only read. Create one (CREATE ROLE flowbench_reader LOGIN PASSWORD '…'; GRANT CONNECT "
        "ON DATABASE %5 TO flowbench_reader; GRANT USAGE ON SCHEMA public TO flowbench_reader; GRANT "
        "SELECT ON ALL TABLES IN SCHEMA public TO flowbench_reader; see docs/safety.md) and use it in "
        "connection \"%6\"")
        .arg(request.environmentName, verdict.role, where, verdict.describePowers(), c.database, c.name);
}

QString unprotectedWarning(const QString &where, const PgRoleVerdict &verdict)
{
    return QStringLiteral(
        "role %1 on %2 %3: its sql checks still run read-only, but a protected environment would refuse "
        "this role (docs/safety.md shows how to create one that can only read)")
        .arg(verdict.role, where, verdict.describePowers());
}

SqlResponse rowsOf(const PgReply &reply)
{
    SqlResponse response;
    response.ok = true;
    if (!reply.returnsRows) {
        response.count = reply.affected;
        return response;
    }
    response.columns = reply.columns.join(QStringLiteral(" | "));
    for (const auto &values : reply.rows) {
        QJsonObject row;
        for (size_t i = 0; i < values.size(); ++i)
            row.insert(reply.columns.at(qsizetype(i)),
                values[i] ? pgValueToJson(reply.types[i], *values[i]) : QJsonValue(QJsonValue::Null));
        response.rows.append(row);
    }
    response.count = response.rows.size();
    return response;
}

} // namespace

SqlResponse runPostgresQuery(const SqlRequest &request)
{
    const Connection &c = request.connection;
    const QString where = describeDatabase(c, QString());
    const bool readOnly = !request.allowWrites;
    if (const QString refused
        = SqlStatementAnalyzer::refusal(request.query, SqlDialect::PostgreSQL, readOnly);
        !refused.isEmpty())
        return failure(refused);
    const SqlStatementAnalyzer::Positional statement = SqlStatementAnalyzer::positional(request.query);
    std::vector<std::optional<QByteArray>> values;
    for (const QString &name : statement.names) {
        if (!request.params.contains(name))
            return failure(
                QStringLiteral("spec.params: the query uses :%1 but no value is given for it").arg(name));
        values.push_back(textOf(request.params.value(name)));
    }
    const auto parameters = connectionParameters(request);
    if (!parameters)
        return failure(parameters.error());

    const QDeadlineTimer deadline(request.timeoutMs + kClientGraceMs);
    auto opened = PgConnection::open(parameters.value(), deadline, request.cancel);
    if (!opened)
        return failure(
            QStringLiteral("could not connect to %1: %2")
                .arg(where,
                    opened.error() == QLatin1String("no answer in time")
                        ? QStringLiteral("no answer within %1 ms (spec.timeout_ms)").arg(request.timeoutMs)
                        : opened.error()));
    PgConnection &db = opened.value();
    const auto stopped = [&](const QString &what, const PgReply &reply) {
        switch (reply.end) {
        case PgReply::End::TimedOut:
            return failure(QStringLiteral("%1: the query did not finish within %2 ms (spec.timeout_ms)")
                               .arg(where)
                               .arg(request.timeoutMs));
        case PgReply::End::Cancelled:
            return failure(QStringLiteral("%1: cancelled").arg(where));
        default:
            return failure(QStringLiteral("%1: %2 failed: %3").arg(where, what, reply.message));
        }
    };
    const QByteArray begin = readOnly ? "BEGIN READ ONLY" : "BEGIN";
    if (const PgReply begun = db.exec(begin, deadline); !begun.ok())
        return stopped(QString::fromLatin1(begin), begun);

    QStringList warnings;
    if (readOnly) {
        const auto audit = [&db, deadline] { return PgRoleVerdict::audit(db, deadline); };
        const QString key = QStringLiteral("%1 as %2").arg(where, c.user);
        const Result<PgRoleVerdict> verdict
            = request.roleVerdicts ? request.roleVerdicts->verdict(key, audit) : audit();
        if (!verdict) {
            if (request.protectedEnvironment)
                return failure(QStringLiteral(
                    "environment \"%1\" is protected, and what role %2 may do on %3 could not be "
                    "checked (%4): sql checks there run only over a role known to only read")
                                   .arg(request.environmentName, c.user, where, verdict.error()));
            warnings << QStringLiteral("role %1 on %2: what it may do could not be checked: %3")
                            .arg(c.user, where, verdict.error());
            // The failed query ended the transaction's usefulness: start a fresh one.
            db.exec("ROLLBACK", deadline);
            if (const PgReply again = db.exec(begin, deadline); !again.ok())
                return stopped(QString::fromLatin1(begin), again);
        } else if (!verdict->canOnlyRead()) {
            if (request.protectedEnvironment)
                return failure(protectedRefusal(request, where, verdict.value()));
            warnings << unprotectedWarning(where, verdict.value());
        }
    }

    const PgReply reply = db.exec(statement.text.toUtf8(), values, deadline, request.maxRows);
    SqlResponse response;
    switch (reply.end) {
    case PgReply::End::Done:
        response = rowsOf(reply);
        break;
    case PgReply::End::RowLimit:
        response
            = failure(QStringLiteral("%1: the query returned more than %2 rows; narrow it (WHERE, LIMIT)")
                          .arg(where)
                          .arg(request.maxRows));
        break;
    case PgReply::End::Failed:
        if (readOnly && reply.sqlState == QLatin1String("25006"))
            response = failure(
                QStringLiteral("writes are refused: this sql check is read-only (set allow_writes on an "
                               "unprotected environment to write); %1 said: %2")
                    .arg(where, reply.message));
        else if (reply.message.contains(QLatin1String("multiple commands")))
            response = failure(
                QStringLiteral("spec.query: holds more than one statement; a sql check runs exactly one "
                               "(%1 refused it: %2)")
                    .arg(where, reply.message));
        else
            response = failure(QStringLiteral("%1: the query failed: %2").arg(where, reply.message));
        break;
    default:
        response = stopped(QStringLiteral("the query"), reply);
        break;
    }
    // Read-only: nothing to keep. A write commits only when its statement succeeded;
    // any other way out closes the connection, which rolls back.
    if (reply.end == PgReply::End::Done || reply.end == PgReply::End::Failed) {
        const bool commit = !readOnly && response.ok;
        const PgReply ended
            = db.exec(commit ? "COMMIT" : "ROLLBACK", QDeadlineTimer(request.timeoutMs + kClientGraceMs));
        if (commit && !ended.ok())
            response = stopped(QStringLiteral("COMMIT"), ended);
    }
    response.warnings = warnings;
    return response;
}

} // namespace flowbench
