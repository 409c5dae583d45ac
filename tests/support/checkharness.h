#pragma once

#include "checks/checktype.h"

#include <QJsonObject>

// QCOMPARE cannot print ResultStatus (flowbench::toString returns a QString); this says
// what the outcome was and why. `outcome` is evaluated once (it may be a runCheck call).
#define FLOWBENCH_COMPARE_STATUS(outcome, expected)                                                          \
    do {                                                                                                     \
        const flowbench::CheckOutcome flowbenchOutcome_ = (outcome);                                         \
        QVERIFY2(flowbenchOutcome_.status == (expected),                                                     \
            qPrintable(QStringLiteral("got %1, expected %2: %3")                                             \
                           .arg(flowbench::toString(flowbenchOutcome_.status),                               \
                               flowbench::toString(expected), flowbenchOutcome_.message)));                  \
    } while (false)

namespace flowbench::testing {

// Runs one try of a check to its end (bounded wait) and returns the outcome; a check
// that never finishes yields an Error outcome saying so, and one that emits finished()
// twice is reported through QTest.
CheckOutcome runCheck(const Check &check, const CheckContext &context, int waitMs = 30000);

Check makeCheck(const QString &type, const QJsonObject &spec, const QList<Assertion> &assertions = {},
                const QList<Capture> &captures = {});
Assertion assertion(const QString &kind, const QString &target, const QString &op, const QJsonValue &expected);

} // namespace flowbench::testing
