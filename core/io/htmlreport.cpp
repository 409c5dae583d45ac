#include "io/htmlreport.h"

#include "analysis/riskcoverage.h"
#include "analysis/rundiff.h"
#include "files/outputfile.h"
#include "io/canonicaljson.h"
#include "model/resultpalette.h"
#include "run/testcasesummary.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace flowbench {

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString seconds(qint64 ms)
{
    return QString::number(ms / 1000.0, 'f', 1) + QStringLiteral(" s");
}

bool failing(ResultStatus s)
{
    return s == ResultStatus::Fail || s == ResultStatus::Error;
}

// The map's result colours and glyphs (model/resultpalette.h): blue ✓ passed, vermillion
// ✗ failed, reddish purple ! error, told apart without colour too.
QString badge(ResultStatus status)
{
    return QStringLiteral("<span class=\"badge %1\">%2 %1</span>")
        .arg(toString(status), ResultPalette::statusGlyph(status));
}

QString paletteStyle()
{
    using namespace ResultPalette;
    return QStringLiteral(":root{--pass:%1;--fail:%2;--error:%3;--skipped:%4}\n")
        .arg(cssColor(kPass), cssColor(kFail), cssColor(kError), cssColor(kNotRun));
}

// For the script, which draws the badges of the node panel.
QString glyphsJson()
{
    using namespace ResultPalette;
    QJsonObject glyphs;
    for (ResultStatus s :
        { ResultStatus::Pass, ResultStatus::Fail, ResultStatus::Error, ResultStatus::Skipped })
        glyphs.insert(toString(s), statusGlyph(s));
    return QString::fromUtf8(QJsonDocument(glyphs).toJson(QJsonDocument::Compact));
}

QString checkName(const Check *check, const CheckResult &r)
{
    if (!check)
        return QStringLiteral("(removed check %1)").arg(r.checkId);
    return check->name.isEmpty() ? check->type : check->name;
}

// Where a result belongs, for a person: "POST /orders / Place an order / step 2 confirm".
struct Place
{
    QString node;
    QString testCase;
    QString step;
};

QHash<Id, Place> placesOf(const Project &project)
{
    QHash<Id, Place> places;
    for (const TestCase &t : project.testCases) {
        const Node *node = project.node(t.nodeId);
        for (int i = 0; i < t.checks.size(); ++i) {
            const Check &c = t.checks.at(i);
            places.insert(c.id,
                { node ? node->name : QString(), t.title,
                    QStringLiteral("step %1 %2").arg(i + 1).arg(c.name.isEmpty() ? c.type : c.name) });
        }
        for (int i = 0; i < t.cleanup.size(); ++i) {
            const Check &c = t.cleanup.at(i);
            places.insert(c.id,
                { node ? node->name : QString(), t.title,
                    QStringLiteral("cleanup step %1 %2")
                        .arg(i + 1)
                        .arg(c.name.isEmpty() ? c.type : c.name) });
        }
    }
    return places;
}

QString placeText(const QHash<Id, Place> &places, const CheckResult &r)
{
    const auto it = places.constFind(r.checkId);
    if (it == places.constEnd())
        return esc(QStringLiteral("(removed check %1)").arg(r.checkId));
    return QStringLiteral("<b>%1</b> / %2 / %3").arg(esc(it->node), esc(it->testCase), esc(it->step));
}

const char *kStyle = R"CSS(
:root{--line:#d0d7de;--soft:#f6f8fa}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1f2328;margin:0;background:#fff}
header{padding:20px 28px;border-bottom:1px solid var(--line);background:var(--soft)}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}
main{padding:0 28px 40px;max-width:1400px}
.verdict{font-weight:600}.verdict.pass{color:var(--pass)}.verdict.fail{color:var(--fail)}.verdict.error{color:var(--error)}.verdict.skipped{color:var(--skipped)}
.counts{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0 8px}
.count{border:1px solid var(--line);border-radius:8px;padding:8px 16px;min-width:110px;background:#fff}
.count b{display:block;font-size:24px}.count.pass b{color:var(--pass)}.count.fail b{color:var(--fail)}.count.error b{color:var(--error)}.count.skipped b{color:var(--skipped)}
dl.meta{display:grid;grid-template-columns:max-content 1fr max-content 1fr;gap:2px 14px;margin:8px 0 0}
dl.meta dt{color:#59636e}dl.meta dd{margin:0}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;color:#fff}
.badge.pass{background:var(--pass)}.badge.fail{background:var(--fail)}.badge.error{background:var(--error);color:#1f2328}.badge.skipped{background:var(--skipped)}
.mapbox{display:grid;grid-template-columns:minmax(0,1fr) 340px;gap:16px;align-items:start}
#map{border:1px solid var(--line);border-radius:8px;overflow:auto;max-height:75vh;background:#fff}
#map svg{display:block;max-width:100%;height:auto}
#map [data-node]{cursor:pointer}#map .selected{outline:3px solid #0969da;outline-offset:2px}
#node-panel{border:1px solid var(--line);border-radius:8px;padding:12px;background:var(--soft);position:sticky;top:12px}
#node-panel h3{margin:0 0 6px;font-size:15px}#node-panel ul{padding-left:18px;margin:4px 0}
.nodes button{margin:3px;border:1px solid var(--line);border-radius:6px;background:#fff;padding:4px 8px;cursor:pointer}
.changes{display:grid;grid-template-columns:repeat(3,1fr);gap:14px}.changes ul{padding-left:18px;margin:4px 0}
.problem{border:1px solid var(--line);border-left:4px solid var(--fail);border-radius:6px;padding:8px 12px;margin:10px 0}
.problem.error{border-left-color:var(--error)}.problem .msg{margin:4px 0;font-weight:600;white-space:pre-wrap}
pre{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:8px;max-height:260px;overflow:auto;white-space:pre-wrap;word-break:break-word;font-size:12px}
.muted{color:#59636e}footer{color:#59636e;padding:12px 28px;border-top:1px solid var(--line)}
@media (max-width:900px){.mapbox,.changes{grid-template-columns:1fr}dl.meta{grid-template-columns:max-content 1fr}}
)CSS";

// Reads the node data once; a click on any element with data-node (the map's cards, or
// the node buttons when there is no map) shows that node's test cases. Opening the
// report at #node-<uuid> clicks that node, so a link can point at one node.
const char *kScript = R"JS(
(function(){
  var data = JSON.parse(document.getElementById('fb-data').textContent);
  var panel = document.getElementById('node-panel');
  function el(tag, text, cls){ var e = document.createElement(tag); if (text) e.textContent = text; if (cls) e.className = cls; return e; }
  function show(id){
    var n = data.nodes[id]; if (!n) return;
    panel.textContent = '';
    panel.appendChild(el('h3', n.name));
    panel.appendChild(el('div', n.kind + (n.risk ? ' \u00b7 risk ' + n.risk : ''), 'muted'));
    if (!n.tests.length) panel.appendChild(el('p', 'No test cases on this node.', 'muted'));
    n.tests.forEach(function(t){
      var h = el('p'); h.appendChild(el('span', (GLYPHS[t.status] || '') + ' ' + t.status, 'badge ' + t.status)); h.appendChild(document.createTextNode(' ' + t.title + (t.flow ? ' (' + t.flow + ')' : '')));
      panel.appendChild(h);
      var ul = el('ul');
      t.checks.forEach(function(c){ ul.appendChild(el('li', c.name + ': ' + c.status + (c.message ? ' \u2014 ' + c.message : ''), 'check ' + c.status)); });
      panel.appendChild(ul);
    });
    panel.setAttribute('data-node', id);
    var old = document.querySelectorAll('.selected'); for (var i = 0; i < old.length; ++i) old[i].classList.remove('selected');
    var card = document.getElementById('node-' + id); if (card) card.classList.add('selected');
  }
  document.addEventListener('click', function(e){
    var t = e.target && e.target.closest ? e.target.closest('[data-node]') : null;
    if (t && t !== panel) show(t.getAttribute('data-node'));
  });
  function fromHash(){
    var m = /^#node-(.+)$/.exec(location.hash); if (!m) return;
    var card = document.getElementById('node-' + decodeURIComponent(m[1]));
    if (card) card.dispatchEvent(new MouseEvent('click', {bubbles: true}));
  }
  window.addEventListener('hashchange', fromHash);
  fromHash();
})();
)JS";

// The SVG element alone: no XML declaration or DOCTYPE inside HTML.
QString inlineSvg(const QByteArray &svg)
{
    const qsizetype start = svg.indexOf("<svg");
    return start < 0 ? QString() : QString::fromUtf8(svg.mid(start));
}

// JSON inside <script>: no '<' at all ("</script" would end the element, "<!--" and
// "<script" change how it is parsed); U+2028/9 break old parsers.
QString scriptJson(const QJsonObject &object)
{
    QString json = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    json.replace(QLatin1Char('<'), QStringLiteral("\\u003c"));
    json.replace(QChar(0x2028), QStringLiteral("\\u2028"));
    json.replace(QChar(0x2029), QStringLiteral("\\u2029"));
    return json;
}

} // namespace

Result<HtmlReportInput> HtmlReportInput::fromHistory(const Project &project, const Id &runId)
{
    using R = Result<HtmlReportInput>;
    if (project.runs.isEmpty())
        return R::failure(QStringLiteral("the project has no runs yet: run it first (flowbench-cli run)"));
    qsizetype index = project.runs.size() - 1;
    if (!runId.isEmpty()) {
        const Result<qsizetype> found = findRun(project.runs, runId);
        if (!found)
            return R::failure(found.error());
        index = found.value();
    }
    HtmlReportInput input;
    input.project = project;
    input.run = project.runs.at(index);
    for (const CheckResult &r : project.results)
        if (r.runId == input.run.id)
            input.results << r;
    if (index > 0) {
        input.hasPrevious = true;
        input.previousRun = project.runs.at(index - 1);
        for (const CheckResult &r : project.results)
            if (r.runId == input.previousRun.id)
                input.previousResults << r;
    }
    // The coverage of the report is the one the run saw: later runs are left out.
    input.project.runs = project.runs.mid(0, index + 1);
    input.project.results.clear();
    QSet<Id> kept;
    for (const Run &run : std::as_const(input.project.runs))
        kept.insert(run.id);
    for (const CheckResult &r : project.results)
        if (kept.contains(r.runId))
            input.project.results << r;
    input.projectRevision = flowbench::projectRevision(project);
    return input;
}

QString projectRevision(const Project &project)
{
    const QByteArray json = toCanonicalJson(project);
    return QString::fromLatin1(QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex().left(12));
}

QByteArray HtmlReport::toHtml(const HtmlReportInput &in)
{
    const Project &project = in.project;
    const Run &run = in.run;
    const QHash<Id, Place> places = placesOf(project);
    const ResultStatus overall = overallStatus(run);
    QString h;
    h.reserve(64 * 1024);
    const QString title = QStringLiteral("Flowbench report: %1").arg(project.name);
    // The browser itself keeps the report to what it holds: no request, no form sent, and
    // no script but this one (by its hash), whatever a response excerpt in it holds.
    const QString script = QStringLiteral("var GLYPHS = %1;%2").arg(glyphsJson(), QString::fromUtf8(kScript));
    const QString scriptHash = QString::fromLatin1(
        QCryptographicHash::hash(script.toUtf8(), QCryptographicHash::Sha256).toBase64());
    h += QStringLiteral(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "script-src 'sha256-%4'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; "
        "base-uri 'none'\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta name=\"generator\" content=\"Flowbench %1\"><title>%2</title><style>%3</style></head><body>\n")
             .arg(esc(in.flowbenchVersion), esc(title), paletteStyle() + QString::fromUtf8(kStyle),
                 scriptHash);

    // Summary.
    const QString verdict = run.cancelled ? QStringLiteral("cancelled")
        : overall == ResultStatus::Pass   ? QStringLiteral("passed")
        : overall == ResultStatus::Fail   ? QStringLiteral("failed")
        : overall == ResultStatus::Error  ? QStringLiteral("errors")
                                          : QStringLiteral("skipped");
    h += QStringLiteral("<header id=\"summary\"><h1>%1</h1><div class=\"verdict %2\">Run %3</div>")
             .arg(esc(project.name.isEmpty() ? QStringLiteral("Flowbench report") : project.name),
                 toString(overall), verdict);
    h += QStringLiteral("<div class=\"counts\">");
    const std::pair<ResultStatus, int> counts[]
        = { { ResultStatus::Pass, run.passed }, { ResultStatus::Fail, run.failed },
              { ResultStatus::Error, run.errors }, { ResultStatus::Skipped, run.skipped } };
    const char *labels[] = { "passed", "failed", "errors", "skipped" };
    for (int i = 0; i < 4; ++i)
        h += QStringLiteral("<div class=\"count %1\" id=\"count-%2\"><b>%3</b>%2</div>")
                 .arg(toString(counts[i].first), QString::fromLatin1(labels[i]))
                 .arg(counts[i].second);
    // The counts above are of the steps (a cleanup that left something behind is among
    // the errors); cleanup steps get a box of their own.
    int cleanupSteps = 0, cleanupPassed = 0;
    for (const CheckResult &r : in.results)
        if (r.cleanup) {
            ++cleanupSteps;
            cleanupPassed += r.status == ResultStatus::Pass ? 1 : 0;
        }
    if (cleanupSteps > 0)
        h += QStringLiteral("<div class=\"count %1\" id=\"count-cleanup\"><b>%2/%3</b>cleanup passed</div>")
                 .arg(cleanupPassed == cleanupSteps ? toString(ResultStatus::Pass)
                                                    : toString(ResultStatus::Error))
                 .arg(cleanupPassed)
                 .arg(cleanupSteps);
    h += QStringLiteral("</div><dl class=\"meta\">");
    const qint64 wall
        = run.startedAt.isValid() && run.finishedAt.isValid() ? run.startedAt.msecsTo(run.finishedAt) : 0;
    const std::pair<const char *, QString> meta[] = {
        { "Duration", seconds(wall) },
        { "Environment", run.environment.isEmpty() ? QStringLiteral("(none)") : run.environment },
        { "When",
            run.startedAt.isValid()
                ? run.startedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
                : QStringLiteral("(not started)") },
        // Who started the run, as its store recorded; a report made later names its maker apart.
        { "By", run.startedBy.isEmpty() ? QStringLiteral("(not recorded)") : run.startedBy },
        { "Selection", run.selection.isEmpty() ? QStringLiteral("all") : run.selection },
        { "Run", run.id },
        { "Flowbench", in.flowbenchVersion },
        { "Project revision", in.projectRevision },
    };
    for (const auto &[label, value] : meta)
        h += QStringLiteral("<dt>%1</dt><dd>%2</dd>").arg(QString::fromLatin1(label), esc(value));
    if (run.shardCount > 0)
        h += QStringLiteral("<dt>Shards</dt><dd id=\"shards\">%1</dd>")
                 .arg(esc(
                     run.isPartial() ? run.partialNote() : QStringLiteral("all %1 in").arg(run.shardCount)));
    h += QStringLiteral("</dl></header>\n<main>\n");

    // What changed since the previous run, check by check.
    h += QStringLiteral("<section id=\"changes\"><h2>Since the previous run</h2>");
    if (!in.hasPrevious) {
        h += QStringLiteral("<p class=\"muted\">This is the first run in the project's history.</p>");
    } else {
        const RunDiff diff = RunDiff::compare(in.previousResults, in.results);
        QStringList newFailures, fixed, still;
        auto items = [&](const QList<RunDiff::Entry> &entries, QStringList &list) {
            for (const RunDiff::Entry &e : entries)
                list << QStringLiteral("<li>%1 %2</li>")
                            .arg(badge(e.after->status), placeText(places, *e.after));
        };
        items(diff.newFailures, newFailures);
        items(diff.fixed, fixed);
        items(diff.stillFailing, still);
        h += QStringLiteral("<p class=\"muted\">Compared with run %1 of %2.</p><div class=\"changes\">")
                 .arg(esc(in.previousRun.id),
                     esc(in.previousRun.startedAt.toUTC().toString(
                         QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))));
        const std::pair<const char *, QStringList *> groups[]
            = { { "new-failures", &newFailures }, { "fixed", &fixed }, { "still-failing", &still } };
        const char *headings[] = { "New failures", "Fixed", "Still failing" };
        for (int i = 0; i < 3; ++i)
            h += QStringLiteral("<div id=\"%1\"><h3>%2 (%3)</h3><ul>%4</ul></div>")
                     .arg(QString::fromLatin1(groups[i].first), QString::fromLatin1(headings[i]))
                     .arg(groups[i].second->size())
                     .arg(groups[i].second->isEmpty() ? QStringLiteral("<li class=\"muted\">none</li>")
                                                      : groups[i].second->join(QString()));
        h += QStringLiteral("</div>");
    }
    h += QStringLiteral("</section>\n");

    // Failed and errored checks with their evidence.
    QStringList problems;
    for (const TestCaseSummary &s : summarizeByTestCase(project, in.results)) {
        int stepNumber = 0, cleanupNumber = 0;
        for (int i = 0; i < s.results.size(); ++i) {
            const CheckResult &r = s.results.at(i);
            const int number = r.cleanup ? ++cleanupNumber : ++stepNumber;
            if (!failing(r.status))
                continue;
            QString p = QStringLiteral("<article class=\"problem %1\" id=\"check-%2\" data-check=\"%2\">")
                            .arg(toString(r.status), esc(r.checkId));
            p += QStringLiteral("<div>%1 <b>%2</b> / %3 / %4 %5 %6 <span class=\"muted\">(%7 ms")
                     .arg(badge(r.status), esc(s.nodeName), esc(s.title),
                         r.cleanup ? QStringLiteral("cleanup step") : QStringLiteral("step"))
                     .arg(number)
                     .arg(esc(checkName(s.steps.at(i), r)))
                     .arg(r.durationMs);
            if (r.attempts > 1)
                p += QStringLiteral(", %1 tries of eventually").arg(r.attempts);
            p += QStringLiteral(")</span></div><div class=\"msg\">%1</div>").arg(esc(r.message));
            if (!r.faults.isEmpty())
                p += QStringLiteral("<div class=\"faults\">⚡ faults active: %1</div>").arg(esc(r.faults));
            if (!r.evidence.isEmpty())
                p += QStringLiteral("<pre class=\"evidence\">%1</pre>").arg(esc(r.evidence));
            p += QStringLiteral("</article>");
            problems << p;
        }
    }
    h += QStringLiteral("<section id=\"problems\"><h2>Failed and errored checks (%1)</h2>")
             .arg(problems.size());
    h += problems.isEmpty() ? QStringLiteral("<p class=\"muted\">None: every check that ran passed.</p>")
                            : problems.join(QLatin1Char('\n'));
    h += QStringLiteral("</section>\n");

    // Test cases that ran under faults, whatever their outcome (only when there were any).
    QStringList faulted;
    for (const TestCaseSummary &s : summarizeByTestCase(project, in.results))
        if (!s.results.isEmpty() && !s.results.first().faults.isEmpty())
            faulted << QStringLiteral("<li>%1 <b>%2</b> / %3: ⚡ %4</li>")
                           .arg(
                               badge(s.status), esc(s.nodeName), esc(s.title), esc(s.results.first().faults));
    if (!faulted.isEmpty())
        h += QStringLiteral("<section id=\"faults\"><h2>Run under faults (%1)</h2><ul>%2</ul></section>\n")
                 .arg(faulted.size())
                 .arg(faulted.join(QString()));

    // The map, and what a click on a node shows.
    const QList<CheckResult> latest = latestResultsOf(project.results + in.results);
    QHash<Id, CheckResult> latestByCheck;
    for (const CheckResult &r : latest)
        latestByCheck.insert(r.checkId, r);
    QHash<Id, QString> flowNames;
    for (const Flow &f : project.flows)
        flowNames.insert(f.id, f.name);
    QJsonObject nodes;
    for (const Node &n : project.nodes) {
        QJsonArray tests;
        for (const TestCase &t : project.testCases) {
            if (t.nodeId != n.id)
                continue;
            QJsonArray checks;
            bool anyError = false, anyFail = false, anyOther = false, any = false;
            for (int k = 0; k < t.checks.size() + t.cleanup.size(); ++k) {
                // Cleanup steps after the steps, labelled; only their errors count.
                const bool cleanup = k >= t.checks.size();
                const Check &c = cleanup ? t.cleanup.at(k - t.checks.size()) : t.checks.at(k);
                const auto found = latestByCheck.constFind(c.id);
                const QString status
                    = found == latestByCheck.constEnd() ? QStringLiteral("not run") : toString(found->status);
                if (found != latestByCheck.constEnd()) {
                    anyError |= found->status == ResultStatus::Error;
                    if (!cleanup) {
                        any = true;
                        anyFail |= found->status == ResultStatus::Fail;
                        anyOther |= found->status == ResultStatus::Skipped;
                    }
                } else if (!cleanup) {
                    anyOther = true;
                }
                const QString name = c.name.isEmpty() ? c.type : c.name;
                checks.append(QJsonObject {
                    { QStringLiteral("name"), cleanup ? QStringLiteral("Cleanup · ") + name : name },
                    { QStringLiteral("status"), status },
                    { QStringLiteral("message"),
                        found == latestByCheck.constEnd()
                            ? QString()
                            : found->message.section(QLatin1Char('\n'), 0, 0) } });
            }
            const QString status = !t.automated || t.checks.isEmpty() ? QStringLiteral("manual")
                : !any                                                ? QStringLiteral("not run")
                : anyError                                            ? QStringLiteral("error")
                : anyFail                                             ? QStringLiteral("fail")
                : anyOther                                            ? QStringLiteral("skipped")
                                                                      : QStringLiteral("pass");
            tests.append(QJsonObject { { QStringLiteral("title"), t.title },
                { QStringLiteral("status"), status }, { QStringLiteral("flow"), flowNames.value(t.flowId) },
                { QStringLiteral("checks"), checks } });
        }
        nodes.insert(n.id,
            QJsonObject { { QStringLiteral("name"), n.name }, { QStringLiteral("kind"), toString(n.kind) },
                { QStringLiteral("risk"), n.risk.score() }, { QStringLiteral("tests"), tests } });
    }
    h += QStringLiteral(
        "<section id=\"map-section\"><h2>Map</h2><p class=\"muted\">Click a node to see its test "
        "cases and their latest results.</p><div class=\"mapbox\"><div id=\"map\">");
    const QString svg = inlineSvg(in.mapSvg);
    if (!svg.isEmpty()) {
        h += svg;
    } else {
        h += QStringLiteral("<div class=\"nodes\">");
        for (const Node &n : project.nodes)
            h += QStringLiteral("<button type=\"button\" id=\"node-%1\" data-node=\"%1\">%2</button>")
                     .arg(esc(n.id), esc(n.name));
        h += QStringLiteral("</div>");
    }
    h += QStringLiteral(
        "</div><aside id=\"node-panel\"><p class=\"muted\">No node selected.</p></aside></div></section>\n");

    // Coverage by flow and the risk x coverage list, from the latest results.
    const RiskCoverageReport risk = computeRiskCoverage(project, latest);
    h += QStringLiteral(
        "<section id=\"coverage\"><h2>Coverage by flow</h2><table><tr><th>Flow</th><th "
        "class=\"num\">Risk</th>"
        "<th class=\"num\">Nodes</th><th class=\"num\">Covered</th><th class=\"num\">Automated</th>"
        "<th class=\"num\">Passing</th></tr>");
    for (const FlowRiskCoverage &f : risk.flows)
        h += QStringLiteral(
            "<tr><td>%1</td><td class=\"num\">%2</td><td class=\"num\">%3</td><td class=\"num\">%4 %</td>"
            "<td class=\"num\">%5 %</td><td class=\"num\">%6 %</td></tr>")
                 .arg(esc(f.name))
                 .arg(f.risk.score())
                 .arg(f.counts.nodes)
                 .arg(qRound(f.counts.coveredPercent()))
                 .arg(qRound(f.counts.automatedPercent()))
                 .arg(qRound(f.counts.passingPercent()));
    h += QStringLiteral("<tr><th>All nodes</th><th></th><th class=\"num\">%1</th><th class=\"num\">%2 %</th>"
                        "<th class=\"num\">%3 %</th><th class=\"num\">%4 %</th></tr></table></section>\n")
             .arg(risk.total.nodes)
             .arg(qRound(risk.total.coveredPercent()))
             .arg(qRound(risk.total.automatedPercent()))
             .arg(qRound(risk.total.passingPercent()));
    h += QStringLiteral(
        "<section id=\"risk\"><h2>Risk \u00d7 coverage</h2><p class=\"muted\">High-risk nodes without "
        "passing automated checks first.</p><table><tr><th>Node</th><th>Kind</th><th class=\"num\">Risk "
        "(likelihood "
        "\u00d7 impact)</th><th>Coverage</th><th class=\"num\">Test cases</th><th>Latest</th></tr>");
    for (const NodeRiskCoverage &n : attentionFirst(risk.ranked))
        h += QStringLiteral("<tr%1><td>%2</td><td>%3</td><td class=\"num\">%4 (%5 \u00d7 %6)</td><td>%7</td>"
                            "<td class=\"num\">%8</td><td>%9</td></tr>")
                 .arg(needsAttention(n) ? QStringLiteral(" class=\"attention\"") : QString(), esc(n.name),
                     toString(n.kind))
                 .arg(n.riskScore())
                 .arg(n.risk.likelihood)
                 .arg(n.risk.impact)
                 .arg(toString(n.coverage))
                 .arg(n.testCases)
                 .arg(n.isFailing() ? QStringLiteral("failing") : QString());
    h += QStringLiteral("</table></section>\n</main>\n");
    h += QStringLiteral(
        "<footer>Made by Flowbench %1%2. This file needs no network and no other file.</footer>\n")
             .arg(esc(in.flowbenchVersion),
                 in.author.isEmpty() ? QString() : QStringLiteral(" for %1").arg(esc(in.author)));
    QJsonObject data { { QStringLiteral("nodes"), nodes } };
    h += QStringLiteral("<script type=\"application/json\" id=\"fb-data\">%1</script>\n<script>%2</script>\n"
                        "</body></html>\n")
             .arg(scriptJson(data), script);
    return h.toUtf8();
}

Status HtmlReport::write(const QString &path, const HtmlReportInput &input)
{
    return writeOutput(path, toHtml(input));
}

} // namespace flowbench
