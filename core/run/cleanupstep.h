#pragma once

#include "checks/checktype.h"
#include "model/testcase.h"

#include <QString>
#include <QStringList>

namespace flowbench {

// What the runner says about a test case's cleanup steps (TestCase::cleanup).

// The variables a check's spec names ({{name}}) that the scope does not hold, each once,
// in the order they appear. Built-ins ($uuid…) are always there.
QStringList missingVariables(const Check &check, const VariableScope &variables);

// What a cleanup step acts on, for a person: "DELETE http://127.0.0.1:8765/orders/42"
// for http (interpolated where it can be, else as written), "sql on shop: DELETE FROM …"
// for a statement, else the check type.
QString cleanupTarget(const Check &check, const VariableScope &variables);

// "cleanup not done: DELETE /orders/{{order_id}} needs {{order_id}}, which step 1 never
// captured": the cleanup step could not run because a capture it needs was never made
// (the step that captures it failed or was skipped), so what it removes is left behind.
QString missingCaptureMessage(const TestCase &testCase, const Check &cleanup, const QStringList &missing);

// "left behind: <title> (<target>): <why the cleanup did not pass>".
QString leftBehindMessage(const Check &cleanup, const QString &target, const QString &cause);

} // namespace flowbench
