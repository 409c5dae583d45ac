#include "io/jsonreport.h"

#include "files/outputfile.h"
#include "run/testcasesummary.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace flowbench {

QJsonObject JsonReport::toJson(const Project &project, const Run &run, const QList<CheckResult> &results)
{
    QJsonObject runObject{
        {QStringLiteral("id"), run.id},
        {QStringLiteral("project"), project.name},
        {QStringLiteral("environment"), run.environment},
        {QStringLiteral("selection"), run.selection},
        {QStringLiteral("started_at"), run.startedAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("finished_at"), run.finishedAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("cancelled"), run.cancelled},
        {QStringLiteral("status"), toString(overallStatus(run))},
        {QStringLiteral("passed"), run.passed},
        {QStringLiteral("failed"), run.failed},
        {QStringLiteral("errors"), run.errors},
        {QStringLiteral("skipped"), run.skipped},
    };
    // Only a sharded run has these: which shards are in, and whether it is whole yet.
    if (run.shardCount > 0) {
        QJsonArray in, missing;
        for (int k : run.shardsIn)
            in.append(k);
        for (int k : run.missingShards())
            missing.append(k);
        runObject.insert(QStringLiteral("shards"),
            QJsonObject { { QStringLiteral("count"), run.shardCount }, { QStringLiteral("in"), in },
                { QStringLiteral("missing"), missing } });
        runObject.insert(QStringLiteral("partial"), run.isPartial());
    }
    QJsonArray testCases;
    for (const TestCaseSummary &s : summarizeByTestCase(project, results)) {
        QJsonArray checks, cleanup;
        for (int i = 0; i < s.results.size(); ++i) {
            const CheckResult &r = s.results.at(i);
            const Check *step = s.steps.at(i);
            (r.cleanup ? cleanup : checks)
                .append(QJsonObject {
                    { QStringLiteral("id"), r.checkId },
                    { QStringLiteral("name"), step ? step->name : QString() },
                    { QStringLiteral("type"), step ? step->type : QString() },
                    { QStringLiteral("status"), toString(r.status) },
                    { QStringLiteral("duration_ms"), r.durationMs },
                    { QStringLiteral("attempts"), r.attempts },
                    { QStringLiteral("message"), r.message },
                    { QStringLiteral("evidence"), r.evidence },
                });
        }
        QJsonObject testCase {
            { QStringLiteral("id"), s.testCaseId },
            { QStringLiteral("title"), s.title },
            { QStringLiteral("node"), s.nodeName },
            { QStringLiteral("flow"), s.flowName },
            { QStringLiteral("status"), toString(s.status) },
            { QStringLiteral("duration_ms"), s.durationMs },
            { QStringLiteral("checks"), checks },
        };
        // Apart from the steps, and only when the test case has cleanup steps.
        if (!cleanup.isEmpty())
            testCase.insert(QStringLiteral("cleanup"), cleanup);
        // The faults that held while it ran; only test cases that had some carry the key.
        if (!s.results.isEmpty() && !s.results.first().faults.isEmpty())
            testCase.insert(QStringLiteral("faults"), s.results.first().faults);
        testCases.append(testCase);
    }
    return QJsonObject{{QStringLiteral("run"), runObject}, {QStringLiteral("test_cases"), testCases}};
}

Status JsonReport::write(const QString &path, const Project &project, const Run &run,
                         const QList<CheckResult> &results)
{
    return writeOutput(path, QJsonDocument(toJson(project, run, results)).toJson(QJsonDocument::Indented));
}

} // namespace flowbench
