#include "run/testcasesummary.h"

#include <QHash>

namespace flowbench {

QList<TestCaseSummary> summarizeByTestCase(const Project &project, const QList<CheckResult> &results)
{
    QList<TestCaseSummary> summaries;
    QHash<Id, int> indexOf;
    QHash<Id, const TestCase *> testCases;
    for (const TestCase &t : project.testCases)
        testCases.insert(t.id, &t);
    for (const CheckResult &result : results) {
        auto found = indexOf.find(result.testCaseId);
        if (found == indexOf.end()) {
            TestCaseSummary summary;
            summary.testCaseId = result.testCaseId;
            const TestCase *testCase = testCases.value(result.testCaseId);
            summary.title = testCase ? testCase->title : result.testCaseId;
            const Node *node = project.node(testCase ? testCase->nodeId : result.nodeId);
            summary.nodeName = node ? node->name : QString();
            if (testCase && !testCase->flowId.isEmpty())
                for (const Flow &f : project.flows)
                    if (f.id == testCase->flowId)
                        summary.flowName = f.name;
            found = indexOf.insert(result.testCaseId, int(summaries.size()));
            summaries.append(summary);
        }
        TestCaseSummary &summary = summaries[found.value()];
        const TestCase *testCase = testCases.value(result.testCaseId);
        const Check *step = nullptr;
        if (testCase)
            for (const Check &c : result.cleanup ? testCase->cleanup : testCase->checks)
                if (c.id == result.checkId)
                    step = &c;
        summary.results.append(result);
        summary.steps.append(step);
        summary.durationMs += result.durationMs;
        ++(result.cleanup ? summary.cleanupSteps : summary.checks);
        if (result.status == ResultStatus::Pass)
            ++(result.cleanup ? summary.cleanupPassed : summary.passed);
        else if (summary.firstProblem.isEmpty())
            summary.firstProblem = result.message;
    }
    for (TestCaseSummary &summary : summaries) {
        bool anyError = false, anyFail = false, anySkipped = false;
        for (const CheckResult &r : summary.results) {
            anyError |= r.status == ResultStatus::Error;
            anyFail |= r.status == ResultStatus::Fail;
            anySkipped |= r.status == ResultStatus::Skipped;
        }
        // A test case cut short (cancelled) is not a pass.
        summary.status = anyError ? ResultStatus::Error
                         : anyFail ? ResultStatus::Fail
                         : anySkipped ? ResultStatus::Skipped
                                      : ResultStatus::Pass;
    }
    return summaries;
}

ResultStatus overallStatus(const Run &run)
{
    if (run.errors > 0)
        return ResultStatus::Error;
    if (run.failed > 0)
        return ResultStatus::Fail;
    if (run.passed == 0 && run.skipped > 0)
        return ResultStatus::Skipped;
    return ResultStatus::Pass;
}

} // namespace flowbench
