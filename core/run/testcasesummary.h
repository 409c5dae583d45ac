#pragma once

#include "model/project.h"

#include <QList>
#include <QString>

namespace flowbench {

// A test case's results in one run, rolled up for tables and reports.
struct TestCaseSummary
{
    Id testCaseId;
    QString title;
    QString nodeName;
    QString flowName;
    // error if a step or cleanup step errored (a cleanup that did not pass is an error:
    // it left something behind), else fail if a step failed, else skipped if one was
    // skipped (cut short), else pass.
    ResultStatus status = ResultStatus::Skipped;
    int checks = 0; // the steps, not the cleanup steps
    int passed = 0;
    int cleanupSteps = 0; // results of cleanup steps (CheckResult::cleanup)
    int cleanupPassed = 0;
    qint64 durationMs = 0;
    QString firstProblem; // message of the first step that did not pass, if any
    QList<CheckResult> results; // in step order, the cleanup steps last
    QList<const Check *> steps; // parallel to results; nullptr if the check is gone
};

// Groups a run's results by test case, in the order the results came.
QList<TestCaseSummary> summarizeByTestCase(const Project &project, const QList<CheckResult> &results);

// The overall status of a run from its counts: error > fail > pass.
ResultStatus overallStatus(const Run &run);

} // namespace flowbench
