#include "io/junitresultsimporter.h"

#include <QDateTime>
#include <QFileInfo>
#include <QRegularExpression>
#include <QXmlStreamReader>

namespace flowbench {

namespace {

struct JunitCase
{
    QString classname;
    QString name;
    ResultStatus status = ResultStatus::Pass;
    QString message;
    qint64 durationMs = 0;
    int line = 0;

    QString fullName() const { return classname.isEmpty() ? name : classname + QLatin1Char('.') + name; }
};

QRegularExpression wildcard(const QString &pattern)
{
    QString re;
    for (const QChar c : pattern) {
        if (c == QLatin1Char('*'))
            re += QLatin1String(".*");
        else if (c == QLatin1Char('?'))
            re += QLatin1Char('.');
        else
            re += QRegularExpression::escape(QString(c));
    }
    return QRegularExpression(QRegularExpression::anchoredPattern(re));
}

QString firstLine(const QString &text)
{
    return text.trimmed().section(QLatin1Char('\n'), 0, 0).left(500);
}

Result<QList<JunitCase>> parse(const QByteArray &data, const QString &name)
{
    using R = Result<QList<JunitCase>>;
    QXmlStreamReader xml(data);
    QList<JunitCase> cases;
    bool sawSuite = false;
    JunitCase *current = nullptr;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto element = xml.name();
            if (!sawSuite && element != QLatin1String("testsuites") && element != QLatin1String("testsuite"))
                return R::failure(
                    QStringLiteral("%1:%2: not JUnit XML (the root is <%3>, not <testsuites> or "
                                   "<testsuite>)")
                        .arg(name)
                        .arg(xml.lineNumber())
                        .arg(element.toString()));
            sawSuite = true;
            const QXmlStreamAttributes a = xml.attributes();
            if (element == QLatin1String("testcase")) {
                JunitCase c;
                c.classname = a.value(QLatin1String("classname")).toString();
                c.name = a.value(QLatin1String("name")).toString();
                c.durationMs = qint64(a.value(QLatin1String("time")).toDouble() * 1000);
                c.line = int(xml.lineNumber());
                cases.append(c);
                current = &cases.last();
            } else if (current
                && (element == QLatin1String("failure") || element == QLatin1String("error")
                    || element == QLatin1String("skipped"))) {
                const ResultStatus status = element == QLatin1String("failure") ? ResultStatus::Fail
                    : element == QLatin1String("error")                         ? ResultStatus::Error
                                                                                : ResultStatus::Skipped;
                // The worst outcome wins (a failure and an error: error).
                if (current->status == ResultStatus::Pass || status == ResultStatus::Error)
                    current->status = status;
                QString message = a.value(QLatin1String("message")).toString();
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (message.isEmpty())
                    message = text;
                if (current->message.isEmpty())
                    current->message = firstLine(message);
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("testcase")) {
            current = nullptr;
        }
    }
    if (xml.hasError())
        return R::failure(QStringLiteral("%1:%2: %3").arg(name).arg(xml.lineNumber()).arg(xml.errorString()));
    if (!sawSuite)
        return R::failure(QStringLiteral("%1: not JUnit XML (no <testsuites> or <testsuite>)").arg(name));
    return cases;
}

} // namespace

bool JunitResultsImporter::matches(const QString &patterns, const QString &name)
{
    for (const QString &raw :
        patterns.split(QRegularExpression(QStringLiteral("[,\\n]")), Qt::SkipEmptyParts)) {
        const QString pattern = raw.trimmed();
        if (!pattern.isEmpty() && wildcard(pattern).match(name).hasMatch())
            return true;
    }
    return false;
}

Result<Import> JunitResultsImporter::read(const ImportSource &source, const Project &target) const
{
    const auto cases = parse(source.data, source.name);
    if (!cases)
        return Result<Import>::failure(cases.error());
    Import result;
    ImportReport &report = result.report;
    report.source = source.name;

    const QDateTime now = QDateTime::currentDateTimeUtc();
    Run run;
    run.id = newId();
    run.selection = QStringLiteral("JUnit results %1").arg(QFileInfo(source.name).fileName());
    run.source = source.name;
    run.startedAt = now;
    run.finishedAt = now;
    QList<CheckResult> results;
    int matchedCases = 0;
    for (const JunitCase &c : *cases) {
        QList<const TestCase *> matched;
        for (const TestCase &t : target.testCases)
            if (!t.junitName.trimmed().isEmpty()
                && (matches(t.junitName, c.fullName()) || matches(t.junitName, c.name)))
                matched.append(&t);
        if (matched.isEmpty())
            for (const TestCase &t : target.testCases)
                if (t.junitName.trimmed().isEmpty() && (t.title == c.fullName() || t.title == c.name))
                    matched.append(&t);
        const QString where = QStringLiteral("testcase \"%1\"").arg(c.fullName());
        if (matched.isEmpty()) {
            report.leaveOut(c.line, where, QStringLiteral("matches no test case (by junit name or title)"));
            continue;
        }
        ++matchedCases;
        for (const TestCase *t : matched) {
            if (t->checks.isEmpty()) {
                report.leaveOut(c.line, where,
                    QStringLiteral("matches test case \"%1\", which has no checks to show the result on")
                        .arg(t->title));
                continue;
            }
            for (const Check &check : t->checks) {
                CheckResult r;
                r.id = newId();
                r.runId = run.id;
                r.testCaseId = t->id;
                r.checkId = check.id;
                r.nodeId = t->nodeId;
                r.status = c.status;
                r.durationMs = c.durationMs;
                r.attempts = 1;
                r.message = c.message.isEmpty()
                    ? QStringLiteral("JUnit %1: %2").arg(c.fullName(), toString(c.status))
                    : QStringLiteral("JUnit %1: %2").arg(c.fullName(), c.message);
                r.finishedAt = now;
                results.append(r);
                switch (c.status) {
                case ResultStatus::Pass:
                    ++run.passed;
                    break;
                case ResultStatus::Fail:
                    ++run.failed;
                    break;
                case ResultStatus::Error:
                    ++run.errors;
                    break;
                case ResultStatus::Skipped:
                    ++run.skipped;
                    break;
                }
            }
        }
    }
    result.changes.added.runs.append(run);
    result.changes.added.results = results;
    report.taken << QStringLiteral(
        "matched %1 of %2 testcases: %3 results (%4 passed, %5 failed, %6 errors, %7 skipped)")
                        .arg(matchedCases)
                        .arg(cases->size())
                        .arg(results.size())
                        .arg(run.passed)
                        .arg(run.failed)
                        .arg(run.errors)
                        .arg(run.skipped);
    return result;
}

} // namespace flowbench
