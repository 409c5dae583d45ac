#pragma once

#include "checks/checktype.h"

#include <optional>

namespace flowbench {

struct AmqpAddress;
struct Connection;

// "amqp": the messages published to spec.exchange with a routing key matching
// spec.routing_key while the test case runs. When the test case starts, a private queue
// (server-named, exclusive, deleted with its connection) is bound to the exchange, so the
// check sees what the steps before it caused and never takes a message from a queue the
// system under test consumes. Each try reads what arrived since; with `eventually` the
// messages add up across tries. spec.match keeps the messages whose JSON paths hold the
// given values (the order this test case created). Assertions read the array of messages:
// [{exchange, routing_key, headers, properties, body}], the body parsed when it is JSON.
class AmqpCheck : public CheckType
{
public:
    QString name() const override { return QStringLiteral("amqp"); }
    const CheckVocabulary &vocabulary() const override;
    std::shared_ptr<CaseWatch> watch(const Check &check, const CheckContext &context) const override;
    std::unique_ptr<CheckExecution> create(const Check &check, const CheckContext &context) const override;

    // The connection of the environment named in spec.connection as an address with its
    // password resolved, or why not ("spec.connection: …").
    static Result<AmqpAddress> address(const Check &check, const CheckContext &context);
    // The spec field both amqp types share.
    static SpecField connectionField();

protected:
    Status validateRules(const Check &check) const override;
};

// An amqp connection whose options say "optional": a broker that is not there skips the
// step, saying so, instead of failing it; the example's local environment runs without one.
class OptionalBroker
{
public:
    OptionalBroker(const Check &check, const CheckContext &context);
    // Skipped when the broker could not be reached (`unreachable`) and the connection is
    // optional; otherwise nothing, and the failure stays an error.
    std::optional<CheckOutcome> skip(const QString &why, bool unreachable) const;

private:
    QString m_connection;
    QString m_environment;
    bool m_optional = false;
};

} // namespace flowbench
