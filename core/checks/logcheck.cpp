#include "checks/logcheck.h"

#include "checks/assertionevaluator.h"
#include "checks/blockingexecution.h"
#include "checks/commonvocabulary.h"
#include "checks/logbaseline.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>

namespace flowbench {

namespace {

struct LogRequest
{
    QString pattern; // interpolated file or glob
    QString projectDir;
    QRegularExpression regex;
    std::shared_ptr<const LogBaseline> baseline;
    QDateTime runStartedAt;
    qint64 maxBytes = 0; // matched text kept for captures and evidence
};

struct LogResponse
{
    bool ok = false;
    QString error;
    qint64 count = 0;
    QByteArray matched; // matching lines, "file:line: text"-free, one per line
    QStringList files;
};

// A leading ISO-8601 time ("2026-11-25T01:20:57.123Z", "[2026-11-25 01:20:57]"); local
// time when it names no zone. The latest moment the text may mean.
std::optional<QDateTime> lineTime(const QString &line)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^\[?(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:[.,]\d{1,3})?)\d*(Z|[+-]\d{2}:?\d{2})?)"));
    const QRegularExpressionMatch m = re.match(line);
    if (!m.hasMatch())
        return std::nullopt;
    QString text = m.captured(1) + QLatin1Char('T') + m.captured(2).replace(QLatin1Char(','), QLatin1Char('.'));
    QString zone = m.captured(3);
    if (zone.size() == 5) // +0100 -> +01:00
        zone.insert(3, QLatin1Char(':'));
    const QDateTime t = QDateTime::fromString(text + zone, Qt::ISODateWithMs);
    if (!t.isValid())
        return std::nullopt;
    // A time in whole seconds may stand for any moment of that second: take its end, so
    // a line written just after the run began is not missed.
    return m.captured(2).size() == 8 ? t.addMSecs(999) : t;
}

// Calls `line` for each line of `file` from `from` to the size it has now (without the
// line end); a line longer than kMaxLine is cut there.
template <typename LineFn> void forEachLine(const LogFile &file, qint64 from, LineFn line)
{
    constexpr qint64 kBlock = 64 * 1024;
    constexpr qsizetype kMaxLine = 1024 * 1024;
    const qint64 end = file.size();
    QByteArray pending;
    for (qint64 at = from; at < end;) {
        const QByteArray block = file.read(at, qMin(kBlock, end - at));
        if (block.isEmpty())
            break;
        at += block.size();
        qsizetype start = 0;
        for (qsizetype nl = block.indexOf('\n'); nl >= 0; nl = block.indexOf('\n', start)) {
            pending.append(
                block.constData() + start, qMin(nl - start, qMax<qsizetype>(0, kMaxLine - pending.size())));
            if (pending.endsWith('\r'))
                pending.chop(1);
            line(pending);
            pending.clear();
            start = nl + 1;
        }
        pending.append(block.constData() + start,
            qMin(block.size() - start, qMax<qsizetype>(0, kMaxLine - pending.size())));
    }
    if (!pending.isEmpty()) {
        if (pending.endsWith('\r'))
            pending.chop(1);
        line(pending);
    }
}

LogResponse scan(const LogRequest &r)
{
    LogResponse response;
    QList<LogSource> sources;
    if (r.baseline) {
        sources = r.baseline->sources(r.pattern, r.projectDir);
    } else {
        for (const QString &path : LogBaseline::matchingFiles(r.pattern, r.projectDir)) {
            LogSource source;
            source.label = source.path = path;
            source.from = -1;
            sources.append(source);
        }
    }
    if (sources.isEmpty()) {
        response.error = QStringLiteral("no log file matches %1").arg(LogBaseline::absolutePattern(r.pattern, r.projectDir));
        return response;
    }
    for (const LogSource &source : std::as_const(sources)) {
        response.files.append(source.label);
        if (source.gone)
            continue;
        std::shared_ptr<LogFile> file = source.file;
        if (!file) {
            QString error;
            file = LogFile::open(source.path, &error);
            if (!file) {
                response.error = error;
                return response;
            }
        }
        // Without a baseline: nothing new in a file last written before the run began;
        // otherwise the lines' own times decide.
        const bool byTime = source.from < 0;
        if (byTime && r.runStartedAt.isValid() && QFileInfo(source.path).lastModified() < r.runStartedAt)
            continue;
        bool sawTime = false;
        bool isNew = false; // by time: lines without a time belong to the line before
        forEachLine(*file, byTime ? 0 : source.from, [&](const QByteArray &line) {
            const QString text = QString::fromUtf8(line);
            if (byTime) {
                if (const auto t = lineTime(text)) {
                    sawTime = true;
                    isNew = *t >= r.runStartedAt;
                }
                if (!isNew)
                    return;
            }
            if (!r.regex.match(text).hasMatch())
                return;
            ++response.count;
            if (response.matched.size() + line.size() < r.maxBytes)
                response.matched += line + '\n';
        });
        if (byTime && !sawTime) {
            response.error = QStringLiteral(
                "%1 changed since the run began, but neither its size at run start was "
                "recorded (the runner takes a LogBaseline) nor do its lines start with a time")
                                 .arg(source.path);
            return response;
        }
    }
    response.ok = true;
    return response;
}

class LogExecution : public BlockingExecution<LogResponse>
{
public:
    LogExecution(const Check &check, const CheckContext &context)
        : m_check(check), m_variables(context.variables), m_maxEvidenceBytes(context.maxEvidenceBytes)
    {
        m_request.projectDir = context.projectDir;
        m_request.baseline = context.logBaseline;
        m_request.runStartedAt = context.runStartedAt;
        m_request.maxBytes = context.maxResponseBytes;
    }

    void start() override
    {
        startClock();
        auto pattern = m_variables.interpolate(m_check.spec.value(QLatin1String("file")).toString(), QStringLiteral("spec.file"));
        if (!pattern)
            return finishLater(error(pattern.error()));
        // Values are data, not patterns: inserted into the regex escaped.
        VariableScope literal;
        for (auto it = m_variables.values().begin(); it != m_variables.values().end(); ++it)
            literal.set(it.key(), QRegularExpression::escape(it.value()));
        literal.setRunId(QRegularExpression::escape(m_variables.runId()));
        auto regex = literal.interpolate(m_check.spec.value(QLatin1String("regex")).toString(), QStringLiteral("spec.regex"));
        if (!regex)
            return finishLater(error(regex.error()));
        m_request.pattern = *pattern;
        m_request.regex = QRegularExpression(*regex);
        if (!m_request.regex.isValid())
            return finishLater(error(QStringLiteral("spec.regex: \"%1\" is invalid: %2").arg(*regex, m_request.regex.errorString())));
        runBlocking(&scan, m_request);
    }

private:
    CheckOutcome judge(const LogResponse &response, qint64 duration) override
    {
        Observation o;
        o.count = response.count;
        o.body = response.matched;
        o.latencyMs = duration;
        o.jsonError = QStringLiteral("a log check has no JSON");
        CheckOutcome outcome = AssertionEvaluator::judge(m_check, o, m_variables);
        const QByteArray head = QStringLiteral("%1 new matching line(s) of /%2/ in %3\n")
                                    .arg(response.count)
                                    .arg(m_request.regex.pattern(), response.files.join(QStringLiteral(", ")))
                                    .toUtf8();
        outcome.evidence = truncateEvidence(head + response.matched, m_maxEvidenceBytes);
        if (outcome.status == ResultStatus::Pass)
            outcome.message = QStringLiteral("%1: %2 new matching line(s); %3").arg(m_request.pattern).arg(response.count).arg(outcome.message);
        return outcome;
    }

    Check m_check;
    VariableScope m_variables;
    int m_maxEvidenceBytes;
    LogRequest m_request;
};

} // namespace

const CheckVocabulary &LogCheck::vocabulary() const
{
    static const CheckVocabulary v = [] {
        CheckVocabulary v;
        v.title = QStringLiteral("Log lines");
        v.level = TestLevel::Service;
        v.summary = QStringLiteral("Counts the lines matching a regex among the lines written to a file or glob "
                                   "since the run began (through rotation).");
        SpecField file;
        file.name = QStringLiteral("file");
        file.label = QStringLiteral("File or glob");
        file.description = QStringLiteral("a log file or glob, relative to the project folder");
        file.required = true;
        file.inNewCheck = true;
        file.whenMissing = QStringLiteral("must name a log file or glob");
        SpecField regex;
        regex.name = QStringLiteral("regex");
        regex.label = QStringLiteral("Regex");
        regex.description = QStringLiteral("the lines to count; {{variables}} are inserted as literal text");
        regex.required = true;
        regex.inNewCheck = true;
        regex.check = [](const QJsonValue &value) {
            const QString text = value.toString();
            if (text.isEmpty())
                return Status::failure(QStringLiteral("spec.regex: must not be empty"));
            // With variables, the regex is known only at run time.
            if (!text.contains(QLatin1String("{{"))) {
                const QRegularExpression re(text);
                if (!re.isValid())
                    return Status::failure(QStringLiteral("spec.regex: \"%1\" is invalid: %2").arg(text, re.errorString()));
            }
            return success();
        };
        v.fields = {file, regex};
        v.assertions = {CommonVocabulary::count(QStringLiteral("count"), QStringLiteral("line count"),
                                                QStringLiteral("how many new lines match the regex"))};
        v.captures = {CommonVocabulary::regex(QStringLiteral("the matching lines"))};
        Assertion atLeastOne;
        atLeastOne.kind = QStringLiteral("count");
        atLeastOne.op = QStringLiteral(">=");
        atLeastOne.expected = 1;
        v.impliedAssertions = {atLeastOne};
        return v;
    }();
    return v;
}

std::unique_ptr<CheckExecution> LogCheck::create(const Check &check, const CheckContext &context) const
{
    return std::make_unique<LogExecution>(check, context);
}

} // namespace flowbench
