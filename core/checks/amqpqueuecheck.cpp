#include "checks/amqpqueuecheck.h"

#include "checks/amqpcheck.h"
#include "checks/amqpclient.h"
#include "checks/assertionevaluator.h"
#include "checks/blockingexecution.h"
#include "checks/commonvocabulary.h"

namespace flowbench {

namespace {

constexpr int kDefaultTimeoutMs = 5000;

struct DepthRequest
{
    AmqpAddress address;
    QString queue;
    int timeoutMs = kDefaultTimeoutMs;
};

struct DepthResponse
{
    bool ok = false;
    bool unreachable = false;
    QString error;
    AmqpQueueDepth depth;
};

DepthResponse readDepth(const DepthRequest &request)
{
    DepthResponse response;
    AmqpClient client;
    if (const Status connected = client.connect(request.address, request.timeoutMs); !connected) {
        response.error = connected.error();
        response.unreachable = !client.reachedBroker();
        return response;
    }
    const auto depth = client.depth(request.queue);
    if (!depth) {
        response.error = depth.error();
        return response;
    }
    response.ok = true;
    response.depth = *depth;
    return response;
}

class DepthExecution : public BlockingExecution<DepthResponse>
{
public:
    DepthExecution(const Check &check, const CheckContext &context)
        : m_check(check)
        , m_variables(context.variables)
        , m_address(AmqpCheck::address(check, context))
        , m_broker(check, context)
    {
    }

    QString target() const override
    {
        return m_address ? QStringLiteral("%1:%2").arg(m_address->host).arg(m_address->port) : QString();
    }

    void start() override
    {
        startClock();
        if (!m_address)
            return finishLater(error(m_address.error()));
        auto queue = m_variables.interpolate(
            m_check.spec.value(QLatin1String("queue")).toString(), QStringLiteral("spec.queue"));
        if (!queue)
            return finishLater(error(queue.error()));
        DepthRequest request;
        request.address = *m_address;
        request.queue = *queue;
        const QJsonValue timeout = m_check.spec.value(QLatin1String("timeout_ms"));
        if (timeout.isDouble() && timeout.toDouble() > 0)
            request.timeoutMs = int(timeout.toDouble());
        m_queue = request.queue;
        runBlocking(&readDepth, request);
    }

private:
    CheckOutcome refuse(const DepthResponse &response) override
    {
        if (auto skipped = m_broker.skip(response.error, response.unreachable))
            return *skipped;
        return error(response.error);
    }

    CheckOutcome judge(const DepthResponse &response, qint64 duration) override
    {
        Observation o;
        o.count = response.depth.messages;
        o.latencyMs = duration;
        o.facts.insert(QStringLiteral("consumers"), double(response.depth.consumers));
        o.json = QJsonObject { { QStringLiteral("messages"), double(response.depth.messages) },
            { QStringLiteral("consumers"), double(response.depth.consumers) } };
        CheckOutcome outcome = AssertionEvaluator::judge(m_check, o, m_variables);
        const QString seen = QStringLiteral("queue %1: %2 message(s) ready, %3 consumer(s)")
                                 .arg(m_queue)
                                 .arg(response.depth.messages)
                                 .arg(response.depth.consumers);
        outcome.evidence = seen;
        if (outcome.status == ResultStatus::Pass)
            outcome.message = QStringLiteral("amqp %1 %2").arg(target(), seen);
        else
            outcome.message = QStringLiteral("%1 (%2)").arg(outcome.message, seen);
        return outcome;
    }

    Check m_check;
    VariableScope m_variables;
    Result<AmqpAddress> m_address;
    QString m_queue;
    OptionalBroker m_broker;
};

} // namespace

const CheckVocabulary &AmqpQueueCheck::vocabulary() const
{
    static const CheckVocabulary v = [] {
        CheckVocabulary v;
        v.title = QStringLiteral("AMQP queue depth");
        v.level = TestLevel::Service;
        v.summary
            = QStringLiteral("How many messages wait in a queue and how many consumers read it, by a passive "
                             "declare: the queue is neither created, changed nor read.");
        SpecField queue;
        queue.name = QStringLiteral("queue");
        queue.label = QStringLiteral("Queue");
        queue.description = QStringLiteral("the queue's name; {{variables}} filled in");
        queue.required = true;
        queue.inNewCheck = true;
        v.fields = { AmqpCheck::connectionField(), queue,
            CommonVocabulary::timeoutMs(kDefaultTimeoutMs,
                QStringLiteral("bound on connecting to the "
                               "broker and on the reply")) };
        AssertionKind messages
            = CommonVocabulary::count(QStringLiteral("queue_messages"), QStringLiteral("messages ready"),
                QStringLiteral(
                    "messages ready for delivery in the queue (not those delivered and unacknowledged)"));
        messages.newOp = QStringLiteral("==");
        messages.newExpected = 0;
        AssertionKind consumers = CommonVocabulary::count(QStringLiteral("queue_consumers"),
            QStringLiteral("consumers"), QStringLiteral("consumers subscribed to the queue"));
        consumers.read = [](const Observation &o, const QString &) -> KindReading {
            const QJsonValue value = o.facts.value(QStringLiteral("consumers"));
            return KindReading(value.isDouble() ? std::optional<QJsonValue>(value) : std::nullopt);
        };
        v.assertions = { messages, consumers, CommonVocabulary::latencyMs() };
        v.captures = { CommonVocabulary::path() };
        return v;
    }();
    return v;
}

std::unique_ptr<CheckExecution> AmqpQueueCheck::create(const Check &check, const CheckContext &context) const
{
    return std::make_unique<DepthExecution>(check, context);
}

} // namespace flowbench
