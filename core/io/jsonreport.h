#pragma once

#include "model/project.h"
#include "result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace flowbench {

// A run as JSON for scripts and dashboards:
// {"run": {id, project, environment, selection, started_at, finished_at, cancelled,
//          status, passed, failed, errors, skipped},
//  "test_cases": [{id, title, node, flow, status, duration_ms, checks: [{id, name, type,
//          status, duration_ms, attempts, message, evidence}]}]}
class JsonReport
{
public:
    static QJsonObject toJson(const Project &project, const Run &run, const QList<CheckResult> &results);
    // Through an OutputFile ('-' is standard output); the error names the file.
    static Status write(const QString &path, const Project &project, const Run &run,
                        const QList<CheckResult> &results);
};

} // namespace flowbench
