#pragma once

#include "model/project.h"
#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace flowbench {

// What one HTML report shows: a run, the run before it (for "what changed"), the project
// as it was, and the map drawn beforehand (the ui library draws it: mapSvg() in
// ui/map/export/mapimage.h, every card a <g id="node-<uuid>" data-node="<uuid>">).
struct HtmlReportInput
{
    Project project; // content; runs/results hold the history the coverage reads
    Run run;
    QList<CheckResult> results;
    bool hasPrevious = false;
    Run previousRun;
    QList<CheckResult> previousResults;
    QByteArray mapSvg; // empty: the report lists the nodes instead
    QString author; // who made the report (the footer); "By" is the run's startedBy
    QString flowbenchVersion;
    QString projectRevision; // projectRevision(): a fingerprint of the content

    // `project` with its run history (ProjectStore::load, canonical JSON with runs): the
    // run `runId` (empty: the newest) and the one before it. Fails naming the run.
    static Result<HtmlReportInput> fromHistory(const Project &project, const Id &runId = Id());
};

// One self-contained HTML file (inline CSS and script, no network, no other file) that
// opens in any browser: summary, what changed since the previous run, the map where a
// click on a node shows its test cases and their results (also reached by opening
// report.html#node-<uuid>), coverage by flow, the risk x coverage list, and every failed
// or errored check with its message and evidence.
class HtmlReport
{
public:
    static QByteArray toHtml(const HtmlReportInput &input);
    // Through an OutputFile ('-' is standard output); the error names the file.
    static Status write(const QString &path, const HtmlReportInput &input);
};

// The first 12 hex digits of the SHA-256 of the project's canonical JSON without runs:
// equal for equal content, whatever file or store holds it.
QString projectRevision(const Project &project);

} // namespace flowbench
