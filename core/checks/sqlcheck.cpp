#include "checks/sqlcheck.h"

#include "checks/assertionevaluator.h"
#include "checks/blockingexecution.h"
#include "checks/commonvocabulary.h"
#include "checks/jsonpath.h"
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

const CheckVocabulary &SqlCheck::vocabulary() const
{
    static const CheckVocabulary v = [] {
        CheckVocabulary v;
        v.title = QStringLiteral("SQL query");
        v.level = TestLevel::Database;
        v.summary = QStringLiteral("One statement on a connection of the environment (SQLite or PostgreSQL), "
                                   "read-only unless allow_writes; the rows become a JSON array of objects "
                                   "(column name -> value).");
        SpecField connection;
        connection.name = QStringLiteral("connection");
        connection.kind = SpecField::Kind::Connection;
        connection.label = QStringLiteral("Connection");
        connection.description = QStringLiteral("a QSQLITE or QPSQL connection of the environment, by name");
        connection.choices = {{QStringLiteral("QSQLITE"), QStringLiteral("an SQLite file")},
                              {QStringLiteral("QPSQL"), QStringLiteral("PostgreSQL, through libpq")}};
        connection.required = true;
        connection.inNewCheck = true;
        connection.whenMissing = QStringLiteral("must name a connection of the environment");
        SpecField query;
        query.name = QStringLiteral("query");
        query.label = QStringLiteral("Query");
        query.description = QStringLiteral("exactly one statement; :name placeholders take their values from params");
        query.required = true;
        query.inNewCheck = true;
        SpecField params;
        params.name = QStringLiteral("params");
        params.kind = SpecField::Kind::Object;
        params.label = QStringLiteral("Parameters");
        params.description = QStringLiteral("a value per :name placeholder (text, number, true/false or null), "
                                            "bound, never spliced into the SQL");
        params.expects = QStringLiteral("an object of name -> value");
        SpecField writes;
        writes.name = QStringLiteral("allow_writes");
        writes.kind = SpecField::Kind::Bool;
        writes.label = QStringLiteral("Allow writes");
        writes.description = QStringLiteral("run a writing statement (BEGIN … COMMIT); refused on a protected environment");
        writes.defaultValue = false;
        writes.inNewCheck = true;
        v.fields = {connection, query, params, writes,
                    CommonVocabulary::timeoutMs(10000, QStringLiteral("the statement timeout, on the server and as "
                                                                      "the client's bound"))};

        CaptureSource column;
        column.name = QStringLiteral("column");
        column.description = QStringLiteral("the value of a column in the first row");
        column.expression = Operand::Text;
        column.hint = QStringLiteral("id");
        column.read = [](const Observation &o, const QString &expression) -> Result<QString> {
            if (const auto missing = CommonVocabulary::missingJson(o))
                return Result<QString>::failure(*missing);
            const auto path = JsonPath::parse(QStringLiteral("[0][\"%1\"]").arg(expression));
            if (!path)
                return Result<QString>::failure(path.error());
            const auto value = path->evaluate(*o.json);
            if (!value)
                return Result<QString>::failure(QStringLiteral("not found"));
            return AssertionEvaluator::asText(*value);
        };
        v.assertions = {CommonVocabulary::count(QStringLiteral("row_count"), QStringLiteral("row count"),
                                                QStringLiteral("how many rows the statement returned (or changed)")),
                        CommonVocabulary::jsonPath(), CommonVocabulary::jq()};
        v.captures = {column, CommonVocabulary::path(), CommonVocabulary::jqCapture()};
        return v;
    }();
    return v;
}

QStringList SqlCheck::placeholders(const QString &query)
{
    return SqlStatementAnalyzer::placeholders(query);
}

Status SqlCheck::validateRules(const Check &check) const
{
    const QJsonObject &spec = check.spec;
    const QString query = spec.value(QLatin1String("query")).toString();
    // The same refusal a run gives, before anything runs: one statement, and a read-only
    // check only reads.
    if (const QString refused
        = SqlStatementAnalyzer::refusal(query, !spec.value(QLatin1String("allow_writes")).toBool(false));
        !refused.isEmpty())
        return Status::failure(refused);
    const QJsonObject p = spec.value(QLatin1String("params")).toObject();
    for (auto it = p.begin(); it != p.end(); ++it)
        if (it.value().isArray() || it.value().isObject())
            return Status::failure(QStringLiteral("spec.params.%1: must be text, a number, true/false or null").arg(it.key()));
    for (const QString &name : placeholders(query))
        if (!p.contains(name))
            return Status::failure(QStringLiteral("spec.params: the query uses :%1 but no value is given for it").arg(name));
    return success();
}

std::unique_ptr<CheckExecution> SqlCheck::create(const Check &check, const CheckContext &context) const
{
    return std::make_unique<SqlExecution>(check, context);
}

} // namespace flowbench
