#include "checks/amqpcheck.h"

#include "checks/amqpclient.h"
#include "checks/assertionevaluator.h"
#include "checks/blockingexecution.h"
#include "checks/bytesjson.h"
#include "checks/commonvocabulary.h"
#include "checks/jsonpath.h"
#include "checks/secretresolver.h"

#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QRegularExpression>
#include <QtConcurrent>

namespace flowbench {

namespace {

constexpr int kDefaultTimeoutMs = 5000;
// A bound on what one observation keeps: a flood of messages must not fill the memory.
constexpr int kMaxMessages = 1000;

int timeoutOf(const Check &check)
{
    const QJsonValue timeout = check.spec.value(QLatin1String("timeout_ms"));
    return timeout.isDouble() && timeout.toDouble() > 0 ? int(timeout.toDouble()) : kDefaultTimeoutMs;
}

QJsonValue bodyValue(const QByteArray &body)
{
    QJsonParseError parsed;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parsed);
    if (parsed.error == QJsonParseError::NoError)
        return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    return textOrBase64(body);
}

QJsonObject messageJson(const AmqpMessage &m)
{
    return QJsonObject { { QStringLiteral("exchange"), m.exchange },
        { QStringLiteral("routing_key"), m.routingKey }, { QStringLiteral("headers"), m.headers },
        { QStringLiteral("properties"), m.properties }, { QStringLiteral("body"), bodyValue(m.body) } };
}

// The private queue and its connection, shared by the watch and the tries reading it
// (on the thread pool); the last one to let go closes the connection.
struct AmqpObserver
{
    QMutex mutex; // one reader at a time: a connection is not thread-safe
    AmqpClient client;
    QString queue;
    QString error;
    bool unreachable = false; // the broker was not there at all (refused, timed out)
    QJsonArray messages; // everything read so far, across tries
    bool overflowed = false;
};

struct AmqpSetup
{
    std::shared_ptr<AmqpObserver> observer;
    AmqpAddress address;
    QString exchange;
    QString bindingKey;
    int timeoutMs = kDefaultTimeoutMs;
};

void bindObserver(const AmqpSetup &setup)
{
    AmqpObserver &o = *setup.observer;
    QMutexLocker lock(&o.mutex);
    if (const Status connected = o.client.connect(setup.address, setup.timeoutMs); !connected) {
        o.error = connected.error();
        o.unreachable = !o.client.reachedBroker();
        return;
    }
    const Result<QString> queue = o.client.bindPrivateQueue(setup.exchange, setup.bindingKey);
    if (!queue)
        o.error = queue.error();
    else
        o.queue = *queue;
}

class AmqpWatch : public CaseWatch
{
public:
    explicit AmqpWatch(AmqpSetup setup)
        : m_setup(std::move(setup))
    {
    }

    std::shared_ptr<AmqpObserver> observer() const { return m_setup.observer; }
    QString error() const override
    {
        QMutexLocker lock(&m_setup.observer->mutex);
        return m_setup.observer->error;
    }
    void start() override
    {
        if (!m_setup.observer->error.isEmpty()) {
            QMetaObject::invokeMethod(
                this, [this] { emit ready(); }, Qt::QueuedConnection);
            return;
        }
        auto *watcher = new QFutureWatcher<void>(this);
        connect(watcher, &QFutureWatcher<void>::finished, this, [this] { emit ready(); });
        watcher->setFuture(QtConcurrent::run(&bindObserver, m_setup));
    }

private:
    AmqpSetup m_setup;
};

struct AmqpRead
{
    std::shared_ptr<AmqpObserver> observer;
};

struct AmqpReading
{
    bool ok = false;
    bool unreachable = false;
    QString error;
    QJsonArray messages;
    bool overflowed = false;
};

// Drains the private queue into the observer: what arrived since the last try.
AmqpReading readObserved(const AmqpRead &request)
{
    AmqpObserver &o = *request.observer;
    QMutexLocker lock(&o.mutex);
    AmqpReading reading;
    if (!o.error.isEmpty()) {
        reading.error = o.error;
        reading.unreachable = o.unreachable;
        return reading;
    }
    for (;;) {
        const auto next = o.client.get(o.queue);
        if (!next) {
            reading.error = next.error();
            return reading;
        }
        if (!next->has_value())
            break;
        if (o.messages.size() >= kMaxMessages) {
            o.overflowed = true;
            continue; // drained, not kept
        }
        o.messages.append(messageJson(**next));
    }
    reading.ok = true;
    reading.messages = o.messages;
    reading.overflowed = o.overflowed;
    return reading;
}

class AmqpExecution : public BlockingExecution<AmqpReading>
{
public:
    AmqpExecution(const Check &check, const CheckContext &context)
        : m_check(check)
        , m_variables(context.variables)
        , m_maxEvidenceBytes(context.maxEvidenceBytes)
        , m_broker(check, context)
    {
        if (const auto watch = context.watches.value(check.id))
            m_observer = static_cast<const AmqpWatch *>(watch.get())->observer();
        if (const auto address = AmqpCheck::address(check, context))
            m_target = QStringLiteral("%1:%2").arg(address->host).arg(address->port);
    }

    QString target() const override { return m_target; }

    void start() override
    {
        startClock();
        if (!m_observer)
            return finishLater(
                error(QStringLiteral("amqp: no queue was bound for this check when its test case "
                                     "started (an amqp check runs inside a test case)")));
        // The match values may name captures of earlier steps: filled in now.
        const QJsonObject match = m_check.spec.value(QLatin1String("match")).toObject();
        for (auto it = match.begin(); it != match.end(); ++it) {
            auto path = JsonPath::parse(it.key());
            auto value = m_variables.interpolate(
                AssertionEvaluator::asText(it.value()), QStringLiteral("spec.match[\"%1\"]").arg(it.key()));
            if (!path)
                return finishLater(
                    error(QStringLiteral("spec.match: \"%1\": %2").arg(it.key(), path.error())));
            if (!value)
                return finishLater(error(value.error()));
            m_match.append({ *path, *value });
        }
        runBlocking(&readObserved, AmqpRead { m_observer });
    }

private:
    CheckOutcome refuse(const AmqpReading &reading) override
    {
        if (auto skipped = m_broker.skip(reading.error, reading.unreachable))
            return *skipped;
        return error(reading.error);
    }

    bool matches(const QJsonValue &message) const
    {
        for (const auto &[path, wanted] : m_match) {
            const auto found = path.evaluate(message);
            if (!found || AssertionEvaluator::asText(*found) != wanted)
                return false;
        }
        return true;
    }

    CheckOutcome judge(const AmqpReading &reading, qint64 duration) override
    {
        QJsonArray kept;
        for (const QJsonValue &message : reading.messages)
            if (matches(message))
                kept.append(message);
        Observation o;
        o.json = kept;
        o.count = kept.size();
        o.latencyMs = duration;
        o.body = QJsonDocument(kept).toJson(QJsonDocument::Compact);
        CheckOutcome outcome = AssertionEvaluator::judge(m_check, o, m_variables);
        // Assertions over the messages hold vacuously for none: unless the check says how
        // many it expects, it expects at least one.
        const bool countAsserted = std::any_of(m_check.assertions.begin(), m_check.assertions.end(),
            [](const Assertion &a) { return a.kind == QLatin1String("message_count"); });
        if (kept.isEmpty() && !countAsserted && outcome.status == ResultStatus::Pass) {
            outcome.status = ResultStatus::Fail;
            outcome.message = QStringLiteral("message_count: expected at least 1, got 0");
        }
        const QString exchange = m_check.spec.value(QLatin1String("exchange")).toString();
        QString seen
            = QStringLiteral("%1 of %2 message(s) published to %3 since the test case started matched")
                  .arg(kept.size())
                  .arg(reading.messages.size())
                  .arg(exchange);
        if (reading.overflowed)
            seen += QStringLiteral(" (more than %1 arrived; the rest were not kept)").arg(kMaxMessages);
        outcome.evidence = truncateEvidence(
            seen.toUtf8() + "\n" + AssertionEvaluator::describe(kept).toUtf8(), m_maxEvidenceBytes);
        if (outcome.status == ResultStatus::Pass)
            outcome.message = QStringLiteral("amqp %1 %2: %3").arg(m_target, exchange, outcome.message);
        else
            outcome.message = QStringLiteral("%1 (%2)").arg(outcome.message, seen);
        return outcome;
    }

    Check m_check;
    VariableScope m_variables;
    int m_maxEvidenceBytes;
    QString m_target;
    std::shared_ptr<AmqpObserver> m_observer;
    QList<std::pair<JsonPath, QString>> m_match;
    OptionalBroker m_broker;
};

} // namespace

Result<AmqpAddress> AmqpCheck::address(const Check &check, const CheckContext &context)
{
    using R = Result<AmqpAddress>;
    const QString name = check.spec.value(QLatin1String("connection")).toString();
    const QString environment = context.environment ? context.environment->name : QString();
    const Connection *c = context.environment ? context.environment->connection(name) : nullptr;
    if (!c)
        return R::failure(QStringLiteral("spec.connection: environment \"%1\" has no connection named \"%2\"")
                              .arg(environment, name));
    if (c->driver.compare(QLatin1String("amqp"), Qt::CaseInsensitive) != 0)
        return R::failure(QStringLiteral("spec.connection: connection \"%1\" is a %2 connection, not amqp")
                              .arg(name, c->driver));
    AmqpAddress address;
    if (!c->host.isEmpty())
        address.host = c->host;
    if (c->port > 0)
        address.port = c->port;
    if (!c->database.isEmpty())
        address.virtualHost = c->database;
    if (!c->user.isEmpty())
        address.user = c->user;
    if (!c->passwordRef.isEmpty()) {
        const auto password = SecretResolver::resolve(c->passwordRef);
        if (!password)
            return R::failure(QStringLiteral("password for connection %1: %2").arg(name, password.error()));
        address.password = *password;
    }
    return address;
}

OptionalBroker::OptionalBroker(const Check &check, const CheckContext &context)
    : m_connection(check.spec.value(QLatin1String("connection")).toString())
    , m_environment(context.environment ? context.environment->name : QString())
{
    const Connection *c = context.environment ? context.environment->connection(m_connection) : nullptr;
    static const QRegularExpression separators(QStringLiteral("[;,\\s]+"));
    m_optional = c
        && c->options.split(separators, Qt::SkipEmptyParts)
               .contains(QLatin1String("optional"), Qt::CaseInsensitive);
}

std::optional<CheckOutcome> OptionalBroker::skip(const QString &why, bool unreachable) const
{
    if (!unreachable || !m_optional)
        return std::nullopt;
    CheckOutcome outcome;
    outcome.status = ResultStatus::Skipped;
    outcome.message
        = QStringLiteral("skipped: no broker (connection \"%1\" is optional in environment \"%2\"): %3")
              .arg(m_connection, m_environment, why);
    return outcome;
}

SpecField AmqpCheck::connectionField()
{
    SpecField connection;
    connection.name = QStringLiteral("connection");
    connection.kind = SpecField::Kind::Connection;
    connection.label = QStringLiteral("Connection");
    connection.description = QStringLiteral("an amqp connection of the environment, by name (database: the "
                                            "virtual host)");
    connection.choices = { { QStringLiteral("amqp"), QStringLiteral("a RabbitMQ (AMQP 0-9-1) broker") } };
    connection.required = true;
    connection.inNewCheck = true;
    connection.whenMissing = QStringLiteral("must name an amqp connection of the environment");
    return connection;
}

const CheckVocabulary &AmqpCheck::vocabulary() const
{
    static const CheckVocabulary v = [] {
        CheckVocabulary v;
        v.title = QStringLiteral("AMQP messages");
        v.level = TestLevel::Service;
        v.summary = QStringLiteral(
            "The messages published to an exchange while the test case runs, seen through a private queue "
            "bound when the test case starts (never a shared queue). Assertions read the array "
            "[{exchange, routing_key, headers, properties, body}]; a JSON body is parsed.");
        SpecField exchange;
        exchange.name = QStringLiteral("exchange");
        exchange.label = QStringLiteral("Exchange");
        exchange.description = QStringLiteral("the exchange to observe; {{variables}} filled in");
        exchange.required = true;
        exchange.inNewCheck = true;
        SpecField routingKey;
        routingKey.name = QStringLiteral("routing_key");
        routingKey.label = QStringLiteral("Routing key");
        routingKey.description
            = QStringLiteral("the binding key: exact on a direct exchange, * and # patterns on "
                             "a topic exchange, ignored by a fanout");
        routingKey.defaultValue = QStringLiteral("#");
        routingKey.inNewCheck = true;
        SpecField match;
        match.name = QStringLiteral("match");
        match.kind = SpecField::Kind::Object;
        match.label = QStringLiteral("Match");
        match.description
            = QStringLiteral("JSON path -> value: only messages where each path holds the value "
                             "count (e.g. \"body.order_id\": \"{{orderId}}\")");
        match.expects = QStringLiteral("an object of JSON path -> value");
        match.check = [](const QJsonValue &value) {
            if (!value.isObject())
                return Status::failure(QStringLiteral("spec.match: must be an object of JSON path -> value"));
            const QJsonObject object = value.toObject();
            for (auto it = object.begin(); it != object.end(); ++it) {
                if (const auto path = JsonPath::parse(it.key()); !path)
                    return Status::failure(
                        QStringLiteral("spec.match: \"%1\": %2").arg(it.key(), path.error()));
                if (it.value().isObject() || it.value().isArray())
                    return Status::failure(
                        QStringLiteral("spec.match[\"%1\"]: must be text, a number or true/false")
                            .arg(it.key()));
            }
            return success();
        };
        v.fields = { connectionField(), exchange, routingKey, match,
            CommonVocabulary::timeoutMs(kDefaultTimeoutMs,
                QStringLiteral("bound on connecting to the "
                               "broker and on each reply")) };
        AssertionKind count
            = CommonVocabulary::count(QStringLiteral("message_count"), QStringLiteral("message count"),
                QStringLiteral(
                    "how many messages (that spec.match keeps) were published since the test case started"));
        v.assertions
            = { count, CommonVocabulary::jsonPath(), CommonVocabulary::jq(), CommonVocabulary::jsonSchema() };
        v.captures = { CommonVocabulary::path(), CommonVocabulary::jqCapture() };
        Assertion one;
        one.kind = QStringLiteral("message_count");
        one.op = QStringLiteral(">=");
        one.expected = 1;
        v.impliedAssertions = { one };
        return v;
    }();
    return v;
}

Status AmqpCheck::validateRules(const Check &check) const
{
    if (check.spec.value(QLatin1String("exchange")).toString().trimmed().isEmpty())
        return Status::failure(
            QStringLiteral("spec.exchange: must name an exchange (the default exchange cannot "
                           "be observed)"));
    return success();
}

std::shared_ptr<CaseWatch> AmqpCheck::watch(const Check &check, const CheckContext &context) const
{
    AmqpSetup setup;
    setup.observer = std::make_shared<AmqpObserver>();
    setup.timeoutMs = timeoutOf(check);
    const auto exchange = context.variables.interpolate(
        check.spec.value(QLatin1String("exchange")).toString(), QStringLiteral("spec.exchange"));
    const auto key = context.variables.interpolate(
        check.spec.value(QLatin1String("routing_key")).toString(QStringLiteral("#")),
        QStringLiteral("spec.routing_key"));
    const auto address = AmqpCheck::address(check, context);
    if (!address)
        setup.observer->error = address.error();
    else if (!exchange)
        setup.observer->error = exchange.error();
    else if (!key)
        setup.observer->error = key.error();
    else {
        setup.address = *address;
        setup.exchange = *exchange;
        setup.bindingKey = *key;
    }
    return std::make_shared<AmqpWatch>(std::move(setup));
}

std::unique_ptr<CheckExecution> AmqpCheck::create(const Check &check, const CheckContext &context) const
{
    return std::make_unique<AmqpExecution>(check, context);
}

} // namespace flowbench
