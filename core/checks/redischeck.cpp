#include "checks/redischeck.h"

#include "checks/assertionevaluator.h"
#include "checks/blockingexecution.h"
#include "checks/commonvocabulary.h"
#include "checks/redisclient.h"
#include "checks/secretresolver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace flowbench {

namespace {

struct RedisRequest
{
    Connection connection;
    QStringList command; // name + args, interpolated
    int timeoutMs = 5000;
};

struct RedisResponse
{
    bool ok = false;
    QString error;
    QJsonValue reply;
};

// HGETALL answers field, value, field, value...: an object reads better.
QJsonValue shape(const QString &command, const QJsonValue &reply)
{
    if (command != QLatin1String("HGETALL") || !reply.isArray())
        return reply;
    const QJsonArray flat = reply.toArray();
    QJsonObject object;
    for (qsizetype i = 0; i + 1 < flat.size(); i += 2) {
        // A binary field name ({"base64": …}) becomes the key "base64:…".
        const QJsonValue field = flat.at(i);
        const QString key = field.isObject()
            ? QStringLiteral("base64:") + field.toObject().value(QLatin1String("base64")).toString()
            : field.toString();
        object.insert(key, flat.at(i + 1));
    }
    return object;
}

RedisResponse runRedis(const RedisRequest &request)
{
    RedisResponse response;
    const Connection &c = request.connection;
    RedisClient client;
    const Status connected = client.connect(c.host.isEmpty() ? QStringLiteral("127.0.0.1") : c.host,
                                            c.port > 0 ? c.port : 6379, request.timeoutMs);
    if (!connected) {
        response.error = connected.error();
        return response;
    }
    if (!c.passwordRef.isEmpty()) {
        const auto password = SecretResolver::resolve(c.passwordRef);
        if (!password) {
            response.error = QStringLiteral("password for connection %1: %2").arg(c.name, password.error());
            return response;
        }
        QStringList auth{QStringLiteral("AUTH")};
        if (!c.user.isEmpty())
            auth.append(c.user);
        auth.append(*password);
        const auto authed = client.command(auth);
        if (!authed) {
            response.error = authed.error();
            return response;
        }
    }
    if (!c.database.isEmpty() && c.database != QLatin1String("0")) {
        const auto selected = client.command({QStringLiteral("SELECT"), c.database});
        if (!selected) {
            response.error = selected.error();
            return response;
        }
    }
    const auto reply = client.command(request.command);
    if (!reply) {
        response.error = reply.error();
        return response;
    }
    response.ok = true;
    response.reply = shape(request.command.first(), *reply);
    return response;
}

class RedisExecution : public BlockingExecution<RedisResponse>
{
public:
    RedisExecution(const Check &check, const CheckContext &context)
        : m_check(check), m_variables(context.variables), m_maxEvidenceBytes(context.maxEvidenceBytes)
    {
        if (context.environment) {
            m_environmentName = context.environment->name;
            if (const Connection *c = context.environment->connection(check.spec.value(QLatin1String("connection")).toString()))
                m_connection = *c;
        }
    }

    QString target() const override
    {
        if (m_connection.name.isEmpty())
            return QString();
        return QStringLiteral("%1:%2").arg(m_connection.host.isEmpty() ? QStringLiteral("127.0.0.1") : m_connection.host)
            .arg(m_connection.port > 0 ? m_connection.port : 6379);
    }

    void start() override
    {
        startClock();
        const QJsonObject &spec = m_check.spec;
        const QString connectionName = spec.value(QLatin1String("connection")).toString();
        if (m_connection.name.isEmpty())
            return finishLater(error(QStringLiteral("spec.connection: environment \"%1\" has no connection named \"%2\"")
                                         .arg(m_environmentName, connectionName)));
        if (m_connection.driver.compare(QLatin1String("redis"), Qt::CaseInsensitive) != 0)
            return finishLater(error(QStringLiteral("spec.connection: connection \"%1\" is a %2 connection, not redis")
                                         .arg(connectionName, m_connection.driver)));
        RedisRequest request;
        request.connection = m_connection;
        // Checked again here, the same way: a spec may reach create() without validate().
        const Result<QString> command = RedisCheck::allowedCommand(spec.value(QLatin1String("command")).toString());
        if (!command)
            return finishLater(error(command.error()));
        request.command.append(command->split(QLatin1Char(' ')));
        const QJsonArray args = spec.value(QLatin1String("args")).toArray();
        for (qsizetype i = 0; i < args.size(); ++i) {
            auto arg = m_variables.interpolate(AssertionEvaluator::asText(args.at(i)), QStringLiteral("spec.args[%1]").arg(i));
            if (!arg)
                return finishLater(error(arg.error()));
            request.command.append(*arg);
        }
        const QJsonValue timeout = spec.value(QLatin1String("timeout_ms"));
        if (timeout.isDouble() && timeout.toDouble() > 0)
            request.timeoutMs = int(timeout.toDouble());
        m_commandText = request.command.join(QLatin1Char(' '));
        runBlocking(&runRedis, request);
    }

private:
    CheckOutcome judge(const RedisResponse &response, qint64 duration) override
    {
        Observation o;
        o.json = response.reply;
        o.latencyMs = duration;
        o.body = AssertionEvaluator::asText(response.reply).toUtf8();
        if (response.reply.isArray())
            o.count = response.reply.toArray().size();
        CheckOutcome outcome = AssertionEvaluator::judge(m_check, o, m_variables);
        outcome.evidence = truncateEvidence(m_commandText.toUtf8() + "\n" + AssertionEvaluator::describe(response.reply).toUtf8(),
                                            m_maxEvidenceBytes);
        if (outcome.status == ResultStatus::Pass)
            outcome.message = QStringLiteral("redis %1 %2: %3").arg(target(), m_commandText.section(QLatin1Char(' '), 0, 0), outcome.message);
        return outcome;
    }

    Check m_check;
    VariableScope m_variables;
    int m_maxEvidenceBytes;
    QString m_environmentName;
    Connection m_connection;
    QString m_commandText;
};

} // namespace

const QList<RedisCheck::Command> &RedisCheck::commands()
{
    static const QList<Command> list = {
        {QStringLiteral("GET"), 1, 1, QStringLiteral("key")},
        {QStringLiteral("MGET"), 1, -1, QStringLiteral("key [key ...]")},
        {QStringLiteral("EXISTS"), 1, -1, QStringLiteral("key [key ...]")},
        {QStringLiteral("TTL"), 1, 1, QStringLiteral("key")},
        {QStringLiteral("PTTL"), 1, 1, QStringLiteral("key")},
        {QStringLiteral("TYPE"), 1, 1, QStringLiteral("key")},
        {QStringLiteral("STRLEN"), 1, 1, QStringLiteral("key")},
        {QStringLiteral("LLEN"), 1, 1, QStringLiteral("key")},
        {QStringLiteral("LRANGE"), 3, 3, QStringLiteral("key start stop")},
        {QStringLiteral("LINDEX"), 2, 2, QStringLiteral("key index")},
        {QStringLiteral("HGET"), 2, 2, QStringLiteral("key field")},
        {QStringLiteral("HGETALL"), 1, 1, QStringLiteral("key")},
        {QStringLiteral("HLEN"), 1, 1, QStringLiteral("key")},
        {QStringLiteral("HEXISTS"), 2, 2, QStringLiteral("key field")},
        {QStringLiteral("SCARD"), 1, 1, QStringLiteral("key")},
        {QStringLiteral("SISMEMBER"), 2, 2, QStringLiteral("key member")},
        {QStringLiteral("SMEMBERS"), 1, 1, QStringLiteral("key")},
        {QStringLiteral("ZCARD"), 1, 1, QStringLiteral("key")},
        {QStringLiteral("ZSCORE"), 2, 2, QStringLiteral("key member")},
        {QStringLiteral("ZRANGE"), 3, -1, QStringLiteral("key start stop [options]")},
        {QStringLiteral("XLEN"), 1, 1, QStringLiteral("key")},
        {QStringLiteral("XRANGE"), 3, 5, QStringLiteral("key start end [COUNT n]")},
    };
    return list;
}

QStringList RedisCheck::allowedCommands()
{
    QStringList names;
    for (const Command &c : commands())
        names.append(c.name);
    return names;
}

QString RedisCheck::argumentsProblem(const QString &command, int count)
{
    for (const Command &c : commands()) {
        if (c.name != command)
            continue;
        if (count < c.minArgs || (c.maxArgs >= 0 && count > c.maxArgs))
            return QStringLiteral("%1 takes: %2; %3 given").arg(c.name, c.usage).arg(count);
        return QString();
    }
    return QString(); // not an allowed command: allowedCommand() says so
}

Result<QString> RedisCheck::allowedCommand(const QString &text)
{
    using R = Result<QString>;
    if (text.contains(QLatin1Char('\r')) || text.contains(QLatin1Char('\n')))
        return R::failure(QStringLiteral("spec.command: must not contain a line break (CR or LF): one command per "
                                         "check, its arguments in spec.args"));
    // Trims and folds inner whitespace; letters are checked before upper-casing, since
    // some non-ASCII letters upper-case to ASCII ones.
    const QString folded = text.simplified();
    if (folded.isEmpty())
        return R::failure(QStringLiteral("spec.command: must not be empty"));
    const QString name = folded.section(QLatin1Char(' '), 0, 0);
    for (const QChar c : name) {
        const bool plain = (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
        if (!plain)
            return R::failure(QStringLiteral("spec.command: \"%1\" is not a Redis command name (ASCII letters and "
                                             "digits only)")
                                  .arg(text.trimmed()));
    }
    const QString command = folded.toUpper();
    const QStringList allowed = allowedCommands();
    if (command.contains(QLatin1Char(' ')) && allowed.contains(name.toUpper()))
        return R::failure(QStringLiteral("spec.command: \"%1\" holds more than the command name; put its arguments "
                                         "in spec.args")
                              .arg(text.trimmed()));
    if (!allowed.contains(command))
        return R::failure(QStringLiteral("spec.command: %1 is refused: redis checks only read (allowed: %2)")
                              .arg(command, allowed.join(QStringLiteral(", "))));
    return command;
}

const CheckVocabulary &RedisCheck::vocabulary() const
{
    static const CheckVocabulary v = [] {
        CheckVocabulary v;
        v.title = QStringLiteral("Redis command");
        v.level = TestLevel::Service;
        v.summary = QStringLiteral("One read-only command on a redis connection of the environment; the reply "
                                   "becomes JSON (HGETALL an object; binary text {\"base64\": …}).");
        SpecField connection;
        connection.name = QStringLiteral("connection");
        connection.kind = SpecField::Kind::Connection;
        connection.label = QStringLiteral("Connection");
        connection.description = QStringLiteral("a redis connection of the environment, by name");
        connection.choices = {{QStringLiteral("redis"), QStringLiteral("a Redis server")}};
        connection.required = true;
        connection.inNewCheck = true;
        connection.whenMissing = QStringLiteral("must name a redis connection of the environment");
        SpecField command;
        command.name = QStringLiteral("command");
        command.kind = SpecField::Kind::Enum;
        command.label = QStringLiteral("Command");
        command.description = QStringLiteral("a read-only command name, trimmed and upper-cased before the "
                                             "allow-list; its arguments go in args");
        for (const Command &c : commands())
            command.choices.append({c.name, c.usage});
        command.required = true;
        command.inNewCheck = true;
        command.check = [](const QJsonValue &value) {
            if (!value.isString())
                return Status::failure(QStringLiteral("spec.command: must be text"));
            const Result<QString> allowed = allowedCommand(value.toString());
            return allowed ? success() : Status::failure(allowed.error());
        };
        SpecField args;
        args.name = QStringLiteral("args");
        args.kind = SpecField::Kind::List;
        args.label = QStringLiteral("Arguments");
        args.description = QStringLiteral("the command's arguments, text or numbers, {{variables}} filled in");
        args.inNewCheck = true;
        args.check = [](const QJsonValue &value) {
            if (!value.isArray())
                return Status::failure(QStringLiteral("spec.args: must be a list"));
            const QJsonArray list = value.toArray();
            for (qsizetype i = 0; i < list.size(); ++i)
                if (!list.at(i).isString() && !list.at(i).isDouble())
                    return Status::failure(QStringLiteral("spec.args[%1]: must be text or a number").arg(i));
            return success();
        };
        v.fields = {connection, command, args,
                    CommonVocabulary::timeoutMs(5000, QStringLiteral("bound on connecting and on the reply"))};
        v.assertions = {CommonVocabulary::jsonPath(), CommonVocabulary::jq()};
        v.captures = {CommonVocabulary::path(), CommonVocabulary::jqCapture()};
        return v;
    }();
    return v;
}

Status RedisCheck::validateRules(const Check &check) const
{
    const QJsonObject &spec = check.spec;
    const Result<QString> command = allowedCommand(spec.value(QLatin1String("command")).toString());
    const QString problem = argumentsProblem(command ? *command : QString(),
                                             int(spec.value(QLatin1String("args")).toArray().size()));
    if (!problem.isEmpty())
        return Status::failure(QStringLiteral("spec.args: ") + problem);
    return success();
}

std::unique_ptr<CheckExecution> RedisCheck::create(const Check &check, const CheckContext &context) const
{
    return std::make_unique<RedisExecution>(check, context);
}

} // namespace flowbench
