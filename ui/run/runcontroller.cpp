#include "run/runcontroller.h"

#include "document/projectdocument.h"
#include "run/runner.h"

#include <QFileInfo>

namespace flowbench {

RunController::RunController(ProjectDocument *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
{
    reload();
}

RunController::~RunController()
{
    // A run still going is abandoned with the window; nothing half-written is stored.
    if (m_runner) {
        m_runner->disconnect(this);
        m_runner->cancel();
    }
}

bool RunController::isRunning() const
{
    return m_runner && m_runner->isRunning();
}

void RunController::reload()
{
    m_runs.clear();
    m_resultsByRun.clear();
    m_latest.clear();
    ProjectStore *store = m_document->store();
    if (const Result<QList<Run>> runs = store->runs())
        m_runs = runs.value();
    for (const Run &run : std::as_const(m_runs))
        if (const Result<QList<CheckResult>> results = store->results(run.id))
            m_resultsByRun.insert(run.id, results.value());
    if (const Result<QList<CheckResult>> latest = store->latestResults())
        for (const CheckResult &r : latest.value())
            m_latest.insert(r.checkId, r);
}

QList<CheckResult> RunController::resultsOf(const Id &runId) const
{
    if (runId == m_current.id && isRunning())
        return m_currentResults;
    return m_resultsByRun.value(runId);
}

QList<CheckResult> RunController::allResults() const
{
    QList<CheckResult> all;
    for (const Run &run : m_runs)
        all += m_resultsByRun.value(run.id);
    return all;
}

Project RunController::project() const
{
    Project p = m_document->snapshot();
    p.environments = m_document->environments();
    p.runs = m_runs;
    p.results = allResults();
    return p;
}

QHash<Id, NodeOutcome> RunController::outcomes() const
{
    return nodeOutcomes(m_document->snapshot(), latestResults());
}

NodeOutcome RunController::outcomeOf(const Id &nodeId) const
{
    // Only this node's checks: cheap enough to call for every arriving result.
    Project p;
    p.testCases = m_document->testCasesOfNode(nodeId);
    QList<CheckResult> latest;
    for (const TestCase &t : std::as_const(p.testCases))
        for (const Check &c : t.checks)
            if (auto it = m_latest.constFind(c.id); it != m_latest.cend())
                latest.append(*it);
    return nodeOutcomes(p, latest).value(nodeId);
}

Status RunController::start(
    const RunSelection &selection, const QString &environment, bool confirmedProtected)
{
    if (isRunning())
        return Status::failure(tr("A run is already in progress; cancel it or wait for it to finish."));
    Project p = m_document->snapshot();
    p.environments = m_document->environments();
    RunOptions options;
    options.selection = selection;
    options.environment = environment;
    options.confirmProtected = confirmedProtected;
    options.projectDir = QFileInfo(m_document->filePath()).absolutePath();

    auto *runner = new Runner(&m_network, this);
    connect(runner, &Runner::checkFinished, this, &RunController::onCheckFinished);
    connect(runner, &Runner::progress, this,
        [this](int done, int total) { emit progress(done, total, m_failed); });
    connect(runner, &Runner::finished, this, &RunController::onFinished);
    const Status s = runner->start(p, options);
    if (!s) {
        delete runner;
        return s;
    }
    if (runner->testCases().isEmpty()) {
        runner->cancel();
        delete runner;
        return Status::failure(
            tr("Nothing to run: no automated test case with checks in %1.").arg(selection.describe()));
    }
    m_runner = runner;
    m_current = runner->run();
    m_currentResults.clear();
    m_pendingPerNode.clear();
    m_failed = 0;
    int total = 0;
    for (const TestCase &t : runner->testCases()) {
        m_pendingPerNode[t.nodeId] += t.checks.size();
        total += t.checks.size();
    }
    const QList<Id> nodes = m_pendingPerNode.keys();
    emit started(m_current, total, QSet<Id>(nodes.cbegin(), nodes.cend()));
    return success();
}

void RunController::cancel()
{
    if (m_runner)
        m_runner->cancel();
}

void RunController::onCheckFinished(const CheckResult &result)
{
    m_currentResults.append(result);
    m_latest.insert(result.checkId, result);
    if (result.status == ResultStatus::Fail || result.status == ResultStatus::Error)
        ++m_failed;
    emit checkFinished(result);
    emit nodeOutcomeChanged(result.nodeId, outcomeOf(result.nodeId));
    auto it = m_pendingPerNode.find(result.nodeId);
    if (it != m_pendingPerNode.end() && --it.value() <= 0) {
        m_pendingPerNode.erase(it);
        emit nodeFinished(result.nodeId);
    }
}

void RunController::onFinished(const Run &run)
{
    Runner *runner = m_runner;
    m_current = run;
    // The runner's list is complete (skipped checks included) and in selection order.
    m_currentResults = runner ? runner->results() : m_currentResults;
    for (const CheckResult &r : std::as_const(m_currentResults))
        if (!m_latest.contains(r.checkId) || m_latest.value(r.checkId).runId == run.id)
            m_latest.insert(r.checkId, r);
    for (auto it = m_pendingPerNode.cbegin(); it != m_pendingPerNode.cend(); ++it) {
        emit nodeOutcomeChanged(it.key(), outcomeOf(it.key()));
        emit nodeFinished(it.key());
    }
    m_pendingPerNode.clear();
    QString error;
    if (m_document->isReadOnly()) {
        // Shown for this session (map, results, history), never written: the file is read-only.
        m_runs.append(run);
        m_resultsByRun.insert(run.id, m_currentResults);
        error = tr("results not stored: %1 is read-only (%2)").arg(m_document->filePath(), m_document->readOnlyReason());
    } else if (const Status stored = m_document->store()->addRun(run, m_currentResults); stored) {
        m_runs.append(run);
        m_resultsByRun.insert(run.id, m_currentResults);
    } else {
        error = tr("The run could not be stored in %1: %2").arg(m_document->filePath(), stored.error());
    }
    if (runner)
        runner->deleteLater();
    m_runner = nullptr;
    emit finished(run, error);
}

} // namespace flowbench
