#include "checks/sqlcheck.h"

#include "checks/assertionevaluator.h"
#include "checks/blockingexecution.h"
#include "checks/pgconnection.h"
#include "checks/sqlquery.h"
#include "checks/sqlstatementanalyzer.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace flowbench {

namespace {

class SqlExecution : public BlockingExecution<SqlResponse>
{
public:
    SqlExecution(const Check &check, const CheckContext &context)
        : m_check(check), m_variables(context.variables), m_projectDir(context.projectDir),
          m_maxEvidenceBytes(context.maxEvidenceBytes), m_roleVerdicts(context.pgRoleVerdicts)
    {
        if (context.environment) {
            m_environmentName = context.environment->name;
            m_protected = context.environment->isProtected;
            if (const Connection *c = context.environment->connection(check.spec.value(QLatin1String("connection")).toString()))
                m_connection = *c;
        }
    }

    QString target() const override
    {
        if (m_connection.driver != QLatin1String("QPSQL"))
            return QString();
        return QStringLiteral("%1:%2").arg(m_connection.host).arg(m_connection.port > 0 ? m_connection.port : 5432);
    }

    void start() override
    {
        startClock();
        const QJsonObject &spec = m_check.spec;
        const QString connectionName = spec.value(QLatin1String("connection")).toString();
        if (m_connection.name.isEmpty())
            return finishLater(error(QStringLiteral("spec.connection: environment \"%1\" has no connection named \"%2\"")
                                         .arg(m_environmentName, connectionName)));
        if (m_connection.driver != QLatin1String("QSQLITE") && m_connection.driver != QLatin1String("QPSQL"))
            return finishLater(error(QStringLiteral("spec.connection: connection \"%1\" is a %2 connection, not QSQLITE or QPSQL")
                                         .arg(connectionName, m_connection.driver)));
        SqlRequest request;
        request.connection = m_connection;
        request.projectDir = m_projectDir;
        request.query = spec.value(QLatin1String("query")).toString();
        request.allowWrites = spec.value(QLatin1String("allow_writes")).toBool(false);
        request.environmentName = m_environmentName;
        request.protectedEnvironment = m_protected;
        request.roleVerdicts = m_roleVerdicts;
        request.cancel = m_cancel;
        if (request.allowWrites && m_protected)
            return finishLater(error(QStringLiteral("allow_writes is refused: environment \"%1\" is protected, so sql checks "
                                                    "may only read")
                                         .arg(m_environmentName)));
        const QJsonValue timeout = spec.value(QLatin1String("timeout_ms"));
        if (timeout.isDouble() && timeout.toDouble() > 0)
            request.timeoutMs = int(timeout.toDouble());
        const QJsonObject params = spec.value(QLatin1String("params")).toObject();
        for (auto it = params.begin(); it != params.end(); ++it) {
            const QJsonValue v = it.value();
            if (v.isString()) {
                auto text = m_variables.interpolate(v.toString(), QStringLiteral("spec.params.%1").arg(it.key()));
                if (!text)
                    return finishLater(error(text.error()));
                request.params.insert(it.key(), *text);
            } else if (v.isDouble()) {
                const double d = v.toDouble();
                request.params.insert(it.key(), d == double(qint64(d)) ? QVariant(qint64(d)) : QVariant(d));
            } else if (v.isBool()) {
                request.params.insert(it.key(), v.toBool());
            } else {
                request.params.insert(it.key(), QVariant(QMetaType::fromType<QString>()));
            }
        }
        runBlocking(&runSqlQuery, request);
    }

    // A running PostgreSQL statement is cancelled on the server, not only abandoned.
    void cancel() override
    {
        m_cancel->cancel();
        BlockingExecution<SqlResponse>::cancel();
    }

private:
    CheckOutcome refuse(const SqlResponse &response) override
    {
        CheckOutcome outcome = error(response.error);
        outcome.warnings = response.warnings;
        return outcome;
    }

    CheckOutcome judge(const SqlResponse &response, qint64 duration) override
    {
        Observation o;
        o.json = response.rows;
        o.count = response.count;
        o.latencyMs = duration;
        const QByteArray rowsText = QJsonDocument(response.rows).toJson(QJsonDocument::Indented);
        o.body = rowsText;
        CheckOutcome outcome = AssertionEvaluator::judge(m_check, o, m_variables);
        outcome.warnings = response.warnings;
        const QByteArray head = QStringLiteral("%1 row(s)%2\n")
                                    .arg(response.count)
                                    .arg(response.columns.isEmpty() ? QString() : QStringLiteral(": ") + response.columns)
                                    .toUtf8();
        outcome.evidence = truncateEvidence(head + rowsText, m_maxEvidenceBytes);
        if (outcome.status == ResultStatus::Pass)
            outcome.message = QStringLiteral("%1: %2 row(s); %3")
                                  .arg(describeDatabase(m_connection, m_projectDir))
                                  .arg(response.count)
                                  .arg(outcome.message);
        return outcome;
    }

    Check m_check;
    VariableScope m_variables;
    QString m_projectDir;
    int m_maxEvidenceBytes;
    QString m_environmentName;
    bool m_protected = false;
    Connection m_connection;
    std::shared_ptr<PgRoleVerdicts> m_roleVerdicts;
    std::shared_ptr<PgCancelSwitch> m_cancel = std::make_shared<PgCancelSwitch>();
};

} // namespace

QStringList SqlCheck::assertionKinds()
{
    return {QStringLiteral("row_count"), QStringLiteral("json_path"), QStringLiteral("jq")};
}

QStringList SqlCheck::captureSources()
{
    return {QStringLiteral("column"), QStringLiteral("path"), QStringLiteral("jq")};
}

QStringList SqlCheck::placeholders(const QString &query)
{
    return SqlStatementAnalyzer::placeholders(query);
}

Status SqlCheck::validate(const Check &check) const
{
    const QJsonObject &spec = check.spec;
    if (spec.value(QLatin1String("connection")).toString().trimmed().isEmpty())
        return Status::failure(QStringLiteral("spec.connection: must name a connection of the environment"));
    const QString query = spec.value(QLatin1String("query")).toString();
    if (query.trimmed().isEmpty())
        return Status::failure(QStringLiteral("spec.query: must not be empty"));
    const QJsonValue writes = spec.value(QLatin1String("allow_writes"));
    if (!writes.isUndefined() && !writes.isBool())
        return Status::failure(QStringLiteral("spec.allow_writes: must be true or false"));
    // The same refusal a run gives, before anything runs: one statement, and a read-only
    // check only reads.
    if (const QString refused = SqlStatementAnalyzer::refusal(query, !writes.toBool(false)); !refused.isEmpty())
        return Status::failure(refused);
    const QJsonValue params = spec.value(QLatin1String("params"));
    if (!params.isUndefined() && !params.isObject())
        return Status::failure(QStringLiteral("spec.params: must be an object of name -> value"));
    const QJsonObject p = params.toObject();
    for (auto it = p.begin(); it != p.end(); ++it)
        if (it.value().isArray() || it.value().isObject())
            return Status::failure(QStringLiteral("spec.params.%1: must be text, a number, true/false or null").arg(it.key()));
    for (const QString &name : placeholders(query))
        if (!p.contains(name))
            return Status::failure(QStringLiteral("spec.params: the query uses :%1 but no value is given for it").arg(name));
    if (const Status timeout = validateTimeoutSpec(spec); !timeout)
        return timeout;
    return AssertionEvaluator::validate(check, assertionKinds(), captureSources());
}

void SqlCheck::prepare(const Check &check) const
{
    AssertionEvaluator::prepare(check);
}

std::unique_ptr<CheckExecution> SqlCheck::create(const Check &check, const CheckContext &context) const
{
    return std::make_unique<SqlExecution>(check, context);
}

} // namespace flowbench
