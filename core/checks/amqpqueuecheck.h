#pragma once

#include "checks/checktype.h"

namespace flowbench {

// "amqp_queue": how many messages wait in spec.queue and how many consumers read it, by
// a passive declare that neither creates, changes nor reads the queue. A dead-letter
// queue that must stay empty, an outbox that must drain. A queue that does not exist is
// an error naming it.
class AmqpQueueCheck : public CheckType
{
public:
    QString name() const override { return QStringLiteral("amqp_queue"); }
    const CheckVocabulary &vocabulary() const override;
    std::unique_ptr<CheckExecution> create(const Check &check, const CheckContext &context) const override;
};

} // namespace flowbench
