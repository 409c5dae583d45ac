#include "runcommand.h"

#include "document/projectdocument.h"
#include "htmlreportfile.h"
#include "io/jsonreport.h"
#include "io/junitreport.h"
#include "io/markdownsummary.h"
#include "projectfiles.h"
#include "run/runsession.h"
#include "run/testcasesummary.h"

#include "store/editlog.h"
#include "store/projectlocation.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QTextStream>
#include <QTimer>
#include <QUuid>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace flowbench::cli {

namespace {

std::atomic<bool> g_interrupted { false };
extern "C" void onInterrupt(int)
{
    g_interrupted = true;
}

// --run-id: a UUID is the run's id as it is; any other text (a CI pipeline's number)
// names one by a name-based UUID, so every shard given the same text meets in one run.
Id runIdFor(const QString &text)
{
    if (isValidId(text.trimmed()))
        return text.trimmed().toLower();
    static const QUuid kNamespace(QStringLiteral("{6b1f1b0c-3c1e-4f5e-9a43-5f1f0c6d2a71}"));
    return QUuid::createUuidV5(kNamespace, text.trimmed()).toString(QUuid::WithoutBraces);
}

// Without --run-id, a shard takes its CI pipeline's id, which every job of it shares.
QString runIdFromCi()
{
    const QString github = qEnvironmentVariable("GITHUB_RUN_ID");
    if (!github.isEmpty())
        return QStringLiteral("github-%1-%2")
            .arg(github, qEnvironmentVariable("GITHUB_RUN_ATTEMPT", QStringLiteral("1")));
    const QString gitlab = qEnvironmentVariable("CI_PIPELINE_ID");
    if (!gitlab.isEmpty())
        return QStringLiteral("gitlab-%1").arg(gitlab);
    return QString();
}

QString seconds(qint64 ms)
{
    return QString::number(ms / 1000.0, 'f', 1) + QStringLiteral(" s");
}

QString elide(const QString &text, int width)
{
    QString line = text.simplified();
    return line.size() <= width ? line : line.left(width - 1) + QChar(0x2026);
}

void printSummary(QTextStream &out, const Project &project, const Run &run, const QList<CheckResult> &results)
{
    const QList<TestCaseSummary> summaries = summarizeByTestCase(project, results);
    int titleWidth = 9;
    for (const TestCaseSummary &s : summaries)
        titleWidth = qMax(titleWidth, int(qMin<qsizetype>(48, s.nodeName.size() + 3 + s.title.size())));
    auto row = [&](const QString &status, const QString &checks, const QString &duration,
                   const QString &title, const QString &problem) {
        out << status.leftJustified(8) << checks.rightJustified(7) << "  " << duration.rightJustified(9)
            << "  " << title.leftJustified(titleWidth) << "  " << problem << '\n';
    };
    row(QStringLiteral("STATUS"), QStringLiteral("CHECKS"), QStringLiteral("DURATION"),
        QStringLiteral("TEST CASE"), QStringLiteral("FIRST FAILURE"));
    for (const TestCaseSummary &s : summaries)
        row(toString(s.status).toUpper(), QStringLiteral("%1/%2").arg(s.passed).arg(s.checks),
            seconds(s.durationMs), elide(s.nodeName + QStringLiteral(" / ") + s.title, titleWidth),
            s.status == ResultStatus::Pass ? QString() : elide(s.firstProblem, 100));
    const qint64 wall = run.startedAt.msecsTo(run.finishedAt);
    // The counts are of the steps; cleanup steps are counted on a line of their own (one
    // that left something behind is among the errors too: exit code 2).
    int steps = 0, cleanupSteps = 0, cleanupPassed = 0;
    QStringList leftBehind;
    for (const TestCaseSummary &s : summaries) {
        steps += s.checks;
        cleanupSteps += s.cleanupSteps;
        cleanupPassed += s.cleanupPassed;
        for (const CheckResult &r : s.results)
            if (r.cleanup && r.status != ResultStatus::Pass)
                leftBehind << s.nodeName + QStringLiteral(" / ") + s.title + QStringLiteral(": ") + r.message;
    }
    out << '\n'
        << QStringLiteral("%1 test cases, %2 checks: %3 passed, %4 failed, %5 errors, %6 skipped in %7%8")
               .arg(summaries.size())
               .arg(steps)
               .arg(run.passed)
               .arg(run.failed)
               .arg(run.errors)
               .arg(run.skipped)
               .arg(seconds(wall), run.cancelled ? QStringLiteral(" (cancelled)") : QString())
        << '\n';
    if (cleanupSteps > 0)
        out << QStringLiteral("cleanup: %1 of %2 steps passed").arg(cleanupPassed).arg(cleanupSteps) << '\n';
    for (const QString &line : std::as_const(leftBehind))
        out << "  " << line << '\n';
    out << QStringLiteral("environment: %1, selection: %2, run %3")
               .arg(run.environment.isEmpty() ? QStringLiteral("(none)") : run.environment, run.selection,
                   run.id)
        << '\n';
    out.flush();
}

// Starts the run; while another run holds the environment's lease, tries again every
// second until `seconds` passed (0: once). Nothing is held while it waits: a Ctrl-C
// meanwhile just ends the program.
Status startWaitingForLease(RunSession &session, int seconds, QTextStream &err)
{
    QDeadlineTimer deadline(qint64(seconds) * 1000);
    bool said = false;
    for (;;) {
        const Status started = session.start();
        if (started || session.refusal() != RunSession::Refusal::LeaseHeld || deadline.hasExpired())
            return started;
        if (!said) {
            err << "waiting up to " << seconds << " s: " << started.error() << '\n';
            err.flush();
            said = true;
        }
        QEventLoop pause;
        QTimer::singleShot(
            qMin<qint64>(1000, qMax<qint64>(50, deadline.remainingTime())), &pause, &QEventLoop::quit);
        pause.exec();
    }
}

} // namespace

void RunCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(
        QStringLiteral("PROJECT"), QStringLiteral("The project file (*.flowbench)."));
    parser.addOptions({
        { QStringLiteral("env"),
            QStringLiteral("Environment to run in (needed when the project has several)."),
            QStringLiteral("name") },
        { QStringLiteral("flow"), QStringLiteral("Only test cases of this flow (repeatable)."),
            QStringLiteral("name") },
        { QStringLiteral("node"), QStringLiteral("Only test cases of this node (repeatable)."),
            QStringLiteral("name") },
        { QStringLiteral("tag"), QStringLiteral("Only test cases with this tag (repeatable)."),
            QStringLiteral("tag") },
        { QStringLiteral("test-case"), QStringLiteral("Only this test case (repeatable)."),
            QStringLiteral("id") },
        { QStringLiteral("concurrency"), QStringLiteral("Checks in flight at once (default 8)."),
            QStringLiteral("n"), QStringLiteral("8") },
        { QStringLiteral("per-host"), QStringLiteral("Checks in flight against one host (default 6)."),
            QStringLiteral("n"), QStringLiteral("6") },
        { QStringLiteral("junit"),
            QStringLiteral("Write a JUnit XML report to this file (- for standard output)."),
            QStringLiteral("file") },
        { QStringLiteral("json"), QStringLiteral("Write a JSON report to this file (- for standard output)."),
            QStringLiteral("file") },
        { QStringLiteral("html"),
            QStringLiteral("Write the self-contained HTML report to this file (- for standard output)."),
            QStringLiteral("file") },
        { QStringLiteral("summary"),
            QStringLiteral(
                "Write a Markdown summary for a CI job page to this file (- for standard output)."),
            QStringLiteral("file") },
        { QStringLiteral("yes-protected"),
            QStringLiteral("Confirm running against a protected environment.") },
        { QStringLiteral("yes-faults"),
            QStringLiteral("Allow test cases' faults on a protected environment (with --yes-protected).") },
        { QStringLiteral("wait-lease"),
            QStringLiteral("When another run holds the shared or protected environment, wait up to this many "
                           "seconds for it (default: refuse at once)."),
            QStringLiteral("seconds"), QStringLiteral("0") },
        { QStringLiteral("shard"),
            QStringLiteral("Run shard K of N of the selection (e.g. 2/3); the shards of one run, started "
                           "with the same --run-id, are stored as one run."),
            QStringLiteral("K/N") },
        { QStringLiteral("run-id"),
            QStringLiteral("The id of the run the shards share: a UUID or any text, the same for every shard "
                           "(default with --shard: the CI pipeline's id, GITHUB_RUN_ID or CI_PIPELINE_ID)."),
            QStringLiteral("id") },
    });
}

int RunCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(err, name(), QStringLiteral("expects one PROJECT"));
    auto positiveInt = [&](const QString &option, int &value) {
        bool ok = false;
        value = parser.value(option).toInt(&ok);
        if (!ok || value < 1 || value > 1000) {
            usageError(err, name(),
                QStringLiteral("--%1: expected a number from 1 to 1000, got \"%2\"")
                    .arg(option, parser.value(option)));
            return false;
        }
        return true;
    };
    RunOptions options;
    if (!positiveInt(QStringLiteral("concurrency"), options.concurrency)
        || !positiveInt(QStringLiteral("per-host"), options.perHostLimit))
        return ExitBadInput;
    options.environment = parser.value(QStringLiteral("env"));
    options.selection.flows = parser.values(QStringLiteral("flow"));
    options.selection.nodes = parser.values(QStringLiteral("node"));
    options.selection.tags = parser.values(QStringLiteral("tag"));
    options.selection.testCaseIds = parser.values(QStringLiteral("test-case"));
    options.confirmProtected = parser.isSet(QStringLiteral("yes-protected"));
    options.confirmFaults = parser.isSet(QStringLiteral("yes-faults"));
    bool waitOk = false;
    const int waitLeaseSeconds = parser.value(QStringLiteral("wait-lease")).toInt(&waitOk);
    if (!waitOk || waitLeaseSeconds < 0 || waitLeaseSeconds > 86400)
        return usageError(err, name(),
            QStringLiteral("--wait-lease: expected seconds from 0 to 86400, got \"%1\"")
                .arg(parser.value(QStringLiteral("wait-lease"))));
    if (parser.isSet(QStringLiteral("shard"))) {
        const Result<ShardSpec> shard = ShardSpec::parse(parser.value(QStringLiteral("shard")));
        if (!shard)
            return usageError(err, name(), QStringLiteral("--shard %1").arg(shard.error()));
        options.shard = shard.value();
        const QString runId
            = parser.isSet(QStringLiteral("run-id")) ? parser.value(QStringLiteral("run-id")) : runIdFromCi();
        if (runId.trimmed().isEmpty())
            return usageError(err, name(),
                QStringLiteral("--shard needs --run-id ID, the same for every shard of the run"));
        options.runId = runIdFor(runId);
    } else if (parser.isSet(QStringLiteral("run-id"))) {
        return usageError(
            err, name(), QStringLiteral("--run-id names the run the shards share; pass --shard K/N too"));
    }
    const QString junit = parser.value(QStringLiteral("junit"));
    const QString json = parser.value(QStringLiteral("json"));
    const QString markdown = parser.value(QStringLiteral("summary"));
    const QString html = parser.value(QStringLiteral("html"));
    const QString stdoutName = QStringLiteral("-");
    QStringList toStdout;
    for (const auto &[option, value] :
        { std::pair { QStringLiteral("--junit"), junit }, std::pair { QStringLiteral("--json"), json },
            std::pair { QStringLiteral("--summary"), markdown },
            std::pair { QStringLiteral("--html"), html } })
        if (value == stdoutName)
            toStdout << option;
    if (toStdout.size() > 1)
        return usageError(err, name(),
            toStdout.size() == 2 ? QStringLiteral("%1 and %2 cannot both go to standard output (-)")
                                       .arg(toStdout.at(0), toStdout.at(1))
                                 : QStringLiteral("%1 cannot all go to standard output (-)")
                                       .arg(toStdout.join(QStringLiteral(", "))));
    // A report on standard output is for a program to read: the summary table goes to
    // standard error instead, so it does not mix in.
    QTextStream &summary = toStdout.isEmpty() ? out : err;
    const QString path = positional.first();
    if (!ProjectLocation::looksLikeUrl(path) && !QFileInfo::exists(path)) {
        err << "no project file " << path << '\n';
        return ExitBadInput;
    }
    // The same document the GUI runs on: snapshot, selection, read-only state and run
    // history go through RunSession exactly as they do there.
    auto document = ProjectDocument::open(path);
    if (!document) {
        err << document.error() << '\n';
        return ExitBadInput;
    }
    RunSession session(document.value().get(), options);
    if (const Status started = startWaitingForLease(session, waitLeaseSeconds, err); !started) {
        err << path << ": " << started.error();
        if (session.refusal() == RunSession::Refusal::NeedsConfirmation)
            err << " (pass --yes-protected to confirm)";
        else if (session.refusal() == RunSession::Refusal::LeaseHeld)
            err << (waitLeaseSeconds > 0
                    ? QStringLiteral(" (still held after waiting %1 s)").arg(waitLeaseSeconds)
                    : QStringLiteral(" (pass --wait-lease SECONDS to wait for it)"));
        err << '\n';
        return ExitBadInput;
    }

    // Progress on one line, only for a person watching a terminal.
    if (isatty(fileno(stderr))) {
        QObject::connect(&session, &RunSession::progress, &session, [&err](int done, int total) {
            err << "\rrunning: " << done << "/" << total << " checks" << (done == total ? "\n" : "");
            err.flush();
        });
    }
    // Ctrl-C cancels the run cleanly: results so far are stored, the rest marked skipped.
    g_interrupted = false;
    auto previousInt = std::signal(SIGINT, onInterrupt);
    auto previousTerm = std::signal(SIGTERM, onInterrupt);
    QTimer interruptPoll;
    QObject::connect(&interruptPoll, &QTimer::timeout, &session, [&session] {
        if (g_interrupted.exchange(false))
            session.cancel();
    });
    interruptPoll.start(100);
    QEventLoop loop;
    QObject::connect(&session, &RunSession::finished, &loop, &QEventLoop::quit);
    loop.exec();
    interruptPoll.stop();
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);

    const Project &project = session.project();
    const Run ownRun = session.run();
    const QList<CheckResult> ownResults = session.results();
    // A shard's reports are of the whole stored run: every shard in so far, marked
    // partial until all are in. Its table and exit code are its own part's.
    Run run = ownRun;
    QList<CheckResult> results = ownResults;
    const bool shardStored = options.shard.isSet() && session.storage() == RunSession::Storage::Stored
        && session.storedRun().shardCount > 0;
    if (shardStored) {
        if (const Result<QList<CheckResult>> all = document.value()->results(ownRun.id)) {
            run = session.storedRun();
            results = all.value();
        }
    }
    // About the run, not one check (e.g. a database role that could write): once each.
    for (const QString &warning : session.warnings())
        err << "warning: " << warning << '\n';
    int code = ownRun.errors > 0 || ownRun.cancelled ? ExitBadInput
        : ownRun.failed > 0                          ? ExitCheckFailed
                                                     : ExitOk;
    printSummary(summary, project, ownRun, ownResults);
    if (shardStored) {
        summary << QStringLiteral("shard %1 of run %2: ").arg(options.shard.toString(), run.id)
                << (run.isPartial() ? run.partialNote()
                                    : QStringLiteral(
                                        "all %1 shards are in: %2 passed, %3 failed, %4 errors, %5 skipped")
                                          .arg(run.shardCount)
                                          .arg(run.passed)
                                          .arg(run.failed)
                                          .arg(run.errors)
                                          .arg(run.skipped))
                << '\n';
        summary.flush();
    }
    out.flush();

    if (!junit.isEmpty()) {
        const Status written = JUnitReport::write(junit, project, run, results);
        if (!written) {
            err << written.error() << '\n';
            code = ExitBadInput;
        }
    }
    if (!json.isEmpty()) {
        const Status written = JsonReport::write(json, project, run, results);
        if (!written) {
            err << written.error() << '\n';
            code = ExitBadInput;
        }
    }
    if (!markdown.isEmpty()) {
        const Status written = MarkdownSummary::write(markdown, project, run, results);
        if (!written) {
            err << written.error() << '\n';
            code = ExitBadInput;
        }
    }
    if (!html.isEmpty()) {
        // Stored: the report reads the history (coverage, the previous run) like `report`.
        HtmlReportInput input;
        const Result<Project> stored = session.storage() == RunSession::Storage::Stored
            ? readProject(path)
            : Result<Project>::failure(QString());
        const Result<HtmlReportInput> fromHistory = stored
            ? HtmlReportInput::fromHistory(stored.value(), run.id)
            : Result<HtmlReportInput>::failure(QString());
        if (fromHistory) {
            input = fromHistory.value();
        } else {
            input.project = project;
            input.run = run;
            input.results = results;
        }
        if (input.run.startedBy.isEmpty()) // a run not stored: whoever runs this started it
            input.run.startedBy = defaultAuthorName(QString());
        const Status written = writeHtmlReport(html, input);
        if (!written) {
            err << written.error() << '\n';
            code = ExitBadInput;
        }
    }
    // A read-only project runs like any other; only its history does not grow. The exit
    // code stays the checks' (README, "Read-only projects"): CI that checks a project out
    // read-only still gets its answer and its reports. A run the store refused is an error.
    if (session.storage() != RunSession::Storage::Stored) {
        err << session.storeNote() << '\n';
        if (session.storage() == RunSession::Storage::Failed)
            code = ExitBadInput;
    }
    return code;
}

} // namespace flowbench::cli
