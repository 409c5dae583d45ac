#include "checks/tcpcheck.h"

#include "checks/assertionevaluator.h"
#include "checks/basicexecution.h"
#include "checks/commonvocabulary.h"

#include <QTcpSocket>
#include <QTimer>

namespace flowbench {

namespace {

constexpr int kDefaultTimeoutMs = 3000;

class TcpExecution : public BasicExecution
{
public:
    TcpExecution(const Check &check, const CheckContext &context)
        : m_check(check)
        , m_variables(context.variables)
    {
        const QJsonObject &spec = check.spec;
        const auto host = m_variables.interpolate(
            spec.value(QLatin1String("host")).toString(), QStringLiteral("spec.host"));
        if (host)
            m_host = host->trimmed();
        else
            m_problem = host.error();
        m_port = spec.value(QLatin1String("port")).toInt(0);
        const QJsonValue timeout = spec.value(QLatin1String("timeout_ms"));
        m_timeoutMs
            = timeout.isDouble() && timeout.toDouble() > 0 ? int(timeout.toDouble()) : kDefaultTimeoutMs;
        m_timer.setParent(this); // moves with the execution to a network thread
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer); // "within 300 ms" must be true
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            onClosed(QStringLiteral("no connection to %1 within %2 ms (timeout_ms)")
                         .arg(hostPort())
                         .arg(m_timeoutMs));
        });
    }

    QString target() const override { return m_host.isEmpty() ? QString() : hostPort(); }

    void start() override
    {
        startClock();
        if (!m_problem.isEmpty())
            return finishLater(error(m_problem));
        if (m_host.isEmpty() || m_port < 1 || m_port > 65535)
            return finishLater(
                error(QStringLiteral("spec: a tcp check needs a host and a port from 1 to 65535 "
                                     "(got \"%1\" and %2)")
                          .arg(m_host)
                          .arg(m_port)));
        m_socket = new QTcpSocket(this);
        QObject::connect(m_socket, &QTcpSocket::connected, this, [this] { onConnected(); });
        QObject::connect(m_socket, &QAbstractSocket::errorOccurred, this, [this] { onError(); });
        m_timer.start(m_timeoutMs);
        m_socket->connectToHost(m_host, quint16(m_port));
    }

    void cancel() override
    {
        if (isFinished())
            return;
        m_timer.stop();
        dropSocket();
        finishLater(cancelled());
    }

private:
    QString hostPort() const { return QStringLiteral("%1:%2").arg(m_host).arg(m_port); }

    void dropSocket()
    {
        if (!m_socket)
            return;
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }

    void onConnected()
    {
        if (isFinished())
            return;
        const qint64 ms = elapsedMs();
        m_timer.stop();
        m_socket->disconnect(this);
        m_socket->disconnectFromHost(); // a plain close: nothing was sent
        Observation o;
        o.latencyMs = ms;
        o.facts.insert(QStringLiteral("connected"), true);
        judge(o, QStringLiteral("connected to %1 in %2 ms").arg(hostPort()).arg(ms));
    }

    void onError()
    {
        if (isFinished() || !m_socket)
            return;
        switch (m_socket->error()) {
        case QAbstractSocket::ConnectionRefusedError:
            return onClosed(
                QStringLiteral("connection refused by %1 (nothing listens there)").arg(hostPort()));
        case QAbstractSocket::HostNotFoundError:
            return onClosed(
                QStringLiteral("host %1 not found (DNS lookup failed) for %2").arg(m_host, hostPort()));
        case QAbstractSocket::SocketTimeoutError:
            return onClosed(QStringLiteral("connection to %1 timed out").arg(hostPort()));
        default:
            return onClosed(
                QStringLiteral("connection to %1 failed: %2").arg(hostPort(), m_socket->errorString()));
        }
    }

    // Not connected, for `reason`: an observation the assertions judge.
    void onClosed(const QString &reason)
    {
        if (isFinished())
            return;
        m_timer.stop();
        dropSocket();
        Observation o;
        o.facts.insert(QStringLiteral("connected"), false);
        judge(o, QStringLiteral("%1 after %2 ms").arg(reason).arg(elapsedMs()));
    }

    void judge(const Observation &o, const QString &what)
    {
        CheckOutcome outcome = AssertionEvaluator::judge(m_check, o, m_variables);
        outcome.evidence = what;
        if (outcome.status == ResultStatus::Pass)
            outcome.message = QStringLiteral("tcp %1: %2").arg(hostPort(), outcome.message);
        else if (outcome.status == ResultStatus::Fail)
            outcome.message = QStringLiteral("%1 (%2)").arg(outcome.message, what);
        finish(outcome);
    }

    Check m_check;
    VariableScope m_variables;
    QString m_host;
    int m_port = 0;
    int m_timeoutMs = kDefaultTimeoutMs;
    QString m_problem;
    QTcpSocket *m_socket = nullptr;
    QTimer m_timer;
};

} // namespace

const CheckVocabulary &TcpCheck::vocabulary() const
{
    static const CheckVocabulary v = [] {
        CheckVocabulary v;
        v.title = QStringLiteral("TCP connect");
        v.summary
            = QStringLiteral("Connects to host:port within a bound and closes again, sending nothing: "
                             "is a queue, cache or database reachable that a tester cannot query? "
                             "Refused, unresolved or unanswered is connected = false, with the reason.");
        SpecField host;
        host.name = QStringLiteral("host");
        host.label = QStringLiteral("Host");
        host.description = QStringLiteral("a host name or address; {{variables}} filled in");
        host.required = true;
        host.inNewCheck = true;
        SpecField port;
        port.name = QStringLiteral("port");
        port.kind = SpecField::Kind::Number;
        port.label = QStringLiteral("Port");
        port.description = QStringLiteral("the TCP port");
        port.required = true;
        port.whole = true;
        port.minimum = 1;
        port.maximum = 65535;
        port.whenMissing = QStringLiteral("must be a port from 1 to 65535");
        v.fields = { host, port,
            CommonVocabulary::timeoutMs(kDefaultTimeoutMs, QStringLiteral("bound on connecting")) };

        AssertionKind connected;
        connected.name = QStringLiteral("connected");
        connected.label = QStringLiteral("connected");
        connected.description = QStringLiteral("whether the connection was accepted within the bound");
        connected.ops
            = { CommonVocabulary::op(QStringLiteral("==")), CommonVocabulary::op(QStringLiteral("!=")) };
        connected.expected = Operand::Bool;
        connected.newExpected = true;
        connected.read = [](const Observation &o, const QString &) -> KindReading {
            const QJsonValue value = o.facts.value(QStringLiteral("connected"));
            return KindReading(value.isBool() ? std::optional<QJsonValue>(value) : std::nullopt);
        };
        AssertionKind latency = CommonVocabulary::latencyMs();
        latency.description = QStringLiteral("milliseconds until the connection was accepted");
        v.assertions = { connected, latency };

        Assertion reachable;
        reachable.kind = QStringLiteral("connected");
        reachable.op = QStringLiteral("==");
        reachable.expected = true;
        v.impliedAssertions = { reachable };
        return v;
    }();
    return v;
}

std::unique_ptr<CheckExecution> TcpCheck::create(const Check &check, const CheckContext &context) const
{
    return std::make_unique<TcpExecution>(check, context);
}

} // namespace flowbench
