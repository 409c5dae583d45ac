#include "run/runcontroller.h"

#include "document/projectdocument.h"
#include "run/runsession.h"

namespace flowbench {

RunController::RunController(ProjectDocument *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
{
    // Every stored run, whoever stored it, joins the history the views show.
    connect(document, &ProjectDocument::runAdded, this, &RunController::addToHistory);
    reload();
}

RunController::~RunController()
{
    // A run still going is abandoned with the window (RunSession's destructor cancels
    // it); nothing half-finished is stored.
    if (m_session) {
        m_session->disconnect(this);
        delete m_session;
    }
}

bool RunController::isRunning() const
{
    return m_session && m_session->isRunning();
}

void RunController::reload()
{
    m_runs.clear();
    m_resultsByRun.clear();
    m_latest.clear();
    if (const Result<QList<Run>> runs = m_document->runs())
        m_runs = runs.value();
    for (const Run &run : std::as_const(m_runs))
        if (const Result<QList<CheckResult>> results = m_document->results(run.id))
            m_resultsByRun.insert(run.id, results.value());
    if (const Result<QList<CheckResult>> latest = m_document->latestResults())
        for (const CheckResult &r : latest.value())
            m_latest.insert(r.checkId, r);
}

void RunController::addToHistory(const Run &run, const QList<CheckResult> &results)
{
    if (m_resultsByRun.contains(run.id)) {
        // Another shard of a sharded run is in: the run as stored now, plus its results.
        if (run.shardCount > 0) {
            for (Run &known : m_runs)
                if (known.id == run.id)
                    known = run;
            m_resultsByRun[run.id] += results;
        }
        return;
    }
    m_runs.append(run);
    m_resultsByRun.insert(run.id, results);
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
        for (const Check &c : t.checks + t.cleanup)
            if (auto it = m_latest.constFind(c.id); it != m_latest.cend())
                latest.append(*it);
    return nodeOutcomes(p, latest).value(nodeId);
}

Status RunController::start(
    const RunSelection &selection, const QString &environment, bool confirmedProtected)
{
    if (isRunning())
        return Status::failure(tr("A run is already in progress; cancel it or wait for it to finish."));
    RunOptions options;
    options.selection = selection;
    options.environment = environment;
    options.confirmProtected = confirmedProtected;
    auto *session = new RunSession(m_document, options, this);
    if (const Status s = session->start(); !s) {
        const bool nothingToRun = session->refusal() == RunSession::Refusal::NothingToRun;
        const bool leaseHeld = session->refusal() == RunSession::Refusal::LeaseHeld;
        delete session;
        if (leaseHeld)
            return Status::failure(
                tr("Not started: %1. Try again when that run has finished.").arg(s.error()));
        // The GUI's sentence; the CLI prints the session's line.
        if (nothingToRun)
            return Status::failure(
                tr("Nothing to run: no automated test case with checks in %1.").arg(selection.describe()));
        return s;
    }
    m_session = session;
    connect(session, &RunSession::checkFinished, this, &RunController::onCheckFinished);
    connect(session, &RunSession::progress, this,
        [this](int done, int total) { emit progress(done, total, m_failed); });
    connect(session, &RunSession::finished, this, &RunController::onFinished);
    connect(session, &RunSession::faultsActive, this, &RunController::faultsActive);
    m_current = session->run();
    m_currentResults.clear();
    m_pendingPerNode.clear();
    m_failed = 0;
    for (const TestCase &t : session->testCases())
        m_pendingPerNode[t.nodeId] += t.checks.size() + t.cleanup.size();
    const QList<Id> nodes = m_pendingPerNode.keys();
    emit started(m_current, session->totalChecks(), QSet<Id>(nodes.cbegin(), nodes.cend()));
    return success();
}

void RunController::cancel()
{
    if (m_session)
        m_session->cancel();
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

// The session stored the run already (runAdded put it in the history) or said why not.
void RunController::onFinished(const Run &run)
{
    RunSession *session = m_session;
    m_session = nullptr;
    m_current = run;
    m_currentResults = session->results();
    for (const CheckResult &r : std::as_const(m_currentResults))
        if (!m_latest.contains(r.checkId) || m_latest.value(r.checkId).runId == run.id)
            m_latest.insert(r.checkId, r);
    for (auto it = m_pendingPerNode.cbegin(); it != m_pendingPerNode.cend(); ++it) {
        emit nodeOutcomeChanged(it.key(), outcomeOf(it.key()));
        emit nodeFinished(it.key());
    }
    m_pendingPerNode.clear();
    QString note = session->storeNote();
    if (session->storage() == RunSession::Storage::ReadOnly) {
        // Shown for this session (map, results, history), never written: the file is read-only.
        addToHistory(run, m_currentResults);
        note = tr("results not stored: %1 is read-only (%2)")
                   .arg(m_document->filePath(), m_document->readOnlyReason());
    }
    session->deleteLater(); // inside its own signal
    emit finished(run, note);
}

} // namespace flowbench
