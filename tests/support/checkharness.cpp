#include "support/checkharness.h"

#include "checks/checkregistry.h"
#include "model/ids.h"

#include <QSignalSpy>
#include <QTest>

namespace flowbench::testing {

CheckOutcome runCheck(const Check &check, const CheckContext &context, int waitMs)
{
    qRegisterMetaType<flowbench::CheckOutcome>();
    const CheckType *type = CheckRegistry::instance().type(check.type);
    if (!type) {
        CheckOutcome o;
        o.message = QStringLiteral("no check type %1").arg(check.type);
        return o;
    }
    type->prepare(check);
    std::unique_ptr<CheckExecution> execution = type->create(check, context);
    QSignalSpy spy(execution.get(), &CheckExecution::finished);
    execution->start();
    if (spy.isEmpty() && !spy.wait(waitMs)) {
        CheckOutcome o;
        o.message = QStringLiteral("test harness: the check did not finish within %1 ms").arg(waitMs);
        return o;
    }
    // Exactly once: give a stray second emission a chance to show up.
    QTest::qWait(20);
    if (spy.count() != 1)
        qWarning("check emitted finished() %d times", int(spy.count()));
    Q_ASSERT(spy.count() >= 1);
    CheckOutcome outcome = spy.first().first().value<CheckOutcome>();
    if (spy.count() != 1)
        outcome.message += QStringLiteral(" [test harness: finished() emitted %1 times]").arg(spy.count());
    return outcome;
}

Check makeCheck(const QString &type, const QJsonObject &spec, const QList<Assertion> &assertions,
                const QList<Capture> &captures)
{
    Check c;
    c.id = newId();
    c.type = type;
    c.name = type + QStringLiteral(" check");
    c.spec = spec;
    c.assertions = assertions;
    c.captures = captures;
    return c;
}

Assertion assertion(const QString &kind, const QString &target, const QString &op, const QJsonValue &expected)
{
    Assertion a;
    a.kind = kind;
    a.target = target;
    a.op = op;
    a.expected = expected;
    return a;
}

} // namespace flowbench::testing
