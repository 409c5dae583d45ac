#include "io/junitreport.h"

#include "files/outputfile.h"
#include "run/testcasesummary.h"

#include <QHash>
#include <QMap>
#include <QSet>
#include <QXmlStreamWriter>
#include <algorithm>

namespace flowbench {

namespace {

QString seconds(qint64 ms)
{
    return QString::number(ms / 1000.0, 'f', 3);
}

// Every step with its status, for the body of <failure>/<error> (without evidence) and
// of <system-out> (with the evidence of every step that did not pass).
QString stepsText(const TestCaseSummary &summary, bool withEvidence)
{
    QStringList lines;
    int stepNumber = 0, cleanupNumber = 0;
    for (int i = 0; i < summary.results.size(); ++i) {
        const CheckResult &r = summary.results.at(i);
        const Check *step = summary.steps.at(i);
        const QString name = step ? (step->name.isEmpty() ? step->type : step->name) : r.checkId;
        // Cleanup steps are numbered apart, after a line that says they follow.
        if (r.cleanup && cleanupNumber == 0)
            lines << QStringLiteral("cleanup:");
        QString line = QStringLiteral("%1 %2 %3: %4 (%5 ms)")
                           .arg(r.cleanup ? QStringLiteral("cleanup") : QStringLiteral("step"))
                           .arg(r.cleanup ? ++cleanupNumber : ++stepNumber)
                           .arg(name, toString(r.status))
                           .arg(r.durationMs);
        if (!r.message.isEmpty())
            line += QStringLiteral(" - ") + r.message;
        lines << line;
        if (withEvidence && (r.status == ResultStatus::Fail || r.status == ResultStatus::Error))
            if (!r.evidence.isEmpty())
                lines << QStringLiteral("  evidence:\n") + r.evidence;
    }
    return lines.join(QLatin1Char('\n'));
}

// XML 1.0 cannot carry most control characters; response excerpts may contain them.
QString xmlSafe(QString text)
{
    for (QChar &c : text) {
        const ushort u = c.unicode();
        if ((u < 0x20 && u != 0x9 && u != 0xA && u != 0xD) || u == 0xFFFE || u == 0xFFFF)
            c = QChar(0xFFFD);
    }
    return text;
}

// Names are compared as written, after xmlSafe.
QString suiteName(const QString &nodeName)
{
    return nodeName.isEmpty() ? QStringLiteral("(no node)") : xmlSafe(nodeName);
}

// CI servers key a test case by classname + name and merge or drop duplicates, so test
// cases with equal titles in one suite are told apart: "Title", "Title (2)", ... The
// numbers come from every test case of the project in that suite, in (position, id)
// order, not from the run: a test case keeps its name whichever subset runs.
QHash<Id, QString> distinctNames(const Project &project)
{
    QHash<QString, QList<const TestCase *>> bySuite;
    for (const TestCase &t : project.testCases) {
        const Node *node = project.node(t.nodeId);
        bySuite[suiteName(node ? node->name : QString())].append(&t);
    }
    QHash<Id, QString> names;
    for (QList<const TestCase *> &cases : bySuite) {
        std::sort(cases.begin(), cases.end(), [](const TestCase *a, const TestCase *b) {
            return a->position != b->position ? a->position < b->position : a->id < b->id;
        });
        QSet<QString> taken; // every title as written: a numbered name never takes one
        for (const TestCase *t : std::as_const(cases))
            taken.insert(xmlSafe(t->title));
        QHash<QString, int> seen;
        for (const TestCase *t : std::as_const(cases)) {
            const QString title = xmlSafe(t->title);
            int &count = seen[title];
            QString name = title;
            if (++count > 1) {
                while (taken.contains(name = QStringLiteral("%1 (%2)").arg(title).arg(count)))
                    ++count;
                taken.insert(name);
            }
            names.insert(t->id, name);
        }
    }
    return names;
}

} // namespace

QByteArray JUnitReport::toXml(const Project &project, const Run &run, const QList<CheckResult> &results)
{
    const QList<TestCaseSummary> summaries = summarizeByTestCase(project, results);
    QMap<QString, QList<const TestCaseSummary *>> bySuite; // node name -> test cases
    for (const TestCaseSummary &s : summaries)
        bySuite[suiteName(s.nodeName)].append(&s);
    const QHash<Id, QString> names = distinctNames(project);

    auto count = [](const QList<const TestCaseSummary *> &list, ResultStatus status) {
        return int(std::count_if(
            list.begin(), list.end(), [&](const TestCaseSummary *s) { return s->status == status; }));
    };
    QList<const TestCaseSummary *> all;
    qint64 totalMs = 0;
    for (const TestCaseSummary &s : summaries) {
        all.append(&s);
        totalMs += s.durationMs;
    }

    QByteArray xml;
    QXmlStreamWriter w(&xml);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    w.writeStartElement(QStringLiteral("testsuites"));
    w.writeAttribute(
        QStringLiteral("name"), xmlSafe(project.name.isEmpty() ? QStringLiteral("flowbench") : project.name));
    w.writeAttribute(QStringLiteral("tests"), QString::number(all.size()));
    w.writeAttribute(QStringLiteral("failures"), QString::number(count(all, ResultStatus::Fail)));
    w.writeAttribute(QStringLiteral("errors"), QString::number(count(all, ResultStatus::Error)));
    // No "skipped" here: Jenkins' xunit plugin (junit-10.xsd) rejects it on the root; each
    // <testsuite> carries its own (tests/data/junit/junit.xsd).
    w.writeAttribute(QStringLiteral("time"), seconds(totalMs));
    for (auto it = bySuite.cbegin(); it != bySuite.cend(); ++it) {
        const QList<const TestCaseSummary *> &cases = it.value();
        qint64 suiteMs = 0;
        for (const TestCaseSummary *s : cases)
            suiteMs += s->durationMs;
        w.writeStartElement(QStringLiteral("testsuite"));
        w.writeAttribute(QStringLiteral("name"), it.key());
        w.writeAttribute(QStringLiteral("tests"), QString::number(cases.size()));
        w.writeAttribute(QStringLiteral("failures"), QString::number(count(cases, ResultStatus::Fail)));
        w.writeAttribute(QStringLiteral("errors"), QString::number(count(cases, ResultStatus::Error)));
        w.writeAttribute(QStringLiteral("skipped"), QString::number(count(cases, ResultStatus::Skipped)));
        w.writeAttribute(QStringLiteral("time"), seconds(suiteMs));
        if (run.startedAt.isValid())
            w.writeAttribute(QStringLiteral("timestamp"), run.startedAt.toUTC().toString(Qt::ISODate));
        w.writeStartElement(QStringLiteral("properties"));
        const std::pair<QString, QString> properties[] = {
            { QStringLiteral("run_id"), run.id },
            { QStringLiteral("environment"), run.environment },
            { QStringLiteral("selection"), run.selection },
            { QStringLiteral("cancelled"), run.cancelled ? QStringLiteral("true") : QStringLiteral("false") },
        };
        for (const auto &[name, value] : properties) {
            w.writeEmptyElement(QStringLiteral("property"));
            w.writeAttribute(QStringLiteral("name"), name);
            w.writeAttribute(QStringLiteral("value"), xmlSafe(value));
        }
        if (run.shardCount > 0) {
            w.writeEmptyElement(QStringLiteral("property"));
            w.writeAttribute(QStringLiteral("name"), QStringLiteral("shards"));
            w.writeAttribute(QStringLiteral("value"),
                run.isPartial() ? run.partialNote() : QStringLiteral("all %1 in").arg(run.shardCount));
        }
        // The node and flow of each test case. junit-10.xsd and Surefire's schema allow
        // <properties> only on the suite, not on a <testcase>: they sit here, named after
        // the test case ("node:NAME", "flow:NAME"), and again in its <system-out>.
        QSet<QString> written; // test cases no longer in the project may still clash
        QList<QString> caseNames;
        for (const TestCaseSummary *s : cases) {
            QString name = names.value(s->testCaseId, xmlSafe(s->title));
            for (int n = 2; written.contains(name); ++n)
                name = QStringLiteral("%1 (%2)").arg(xmlSafe(s->title)).arg(n);
            written.insert(name);
            caseNames << name;
            w.writeEmptyElement(QStringLiteral("property"));
            w.writeAttribute(QStringLiteral("name"), QStringLiteral("node:") + name);
            w.writeAttribute(QStringLiteral("value"), xmlSafe(s->nodeName));
            w.writeEmptyElement(QStringLiteral("property"));
            w.writeAttribute(QStringLiteral("name"), QStringLiteral("flow:") + name);
            w.writeAttribute(QStringLiteral("value"), xmlSafe(s->flowName));
            // The faults that held while it ran ("faults:NAME"), only for faulted test cases.
            if (!s->results.isEmpty() && !s->results.first().faults.isEmpty()) {
                w.writeEmptyElement(QStringLiteral("property"));
                w.writeAttribute(QStringLiteral("name"), QStringLiteral("faults:") + name);
                w.writeAttribute(QStringLiteral("value"), xmlSafe(s->results.first().faults));
            }
        }
        w.writeEndElement(); // properties
        for (int c = 0; c < cases.size(); ++c) {
            const TestCaseSummary *s = cases.at(c);
            const QString &name = caseNames.at(c);
            w.writeStartElement(QStringLiteral("testcase"));
            w.writeAttribute(QStringLiteral("classname"), it.key());
            w.writeAttribute(QStringLiteral("name"), name);
            w.writeAttribute(QStringLiteral("time"), seconds(s->durationMs));
            const QString output = xmlSafe(QStringLiteral("node: %1\nflow: %2\n")
                                               .arg(s->nodeName.isEmpty() ? QStringLiteral("(none)") : s->nodeName,
                                                   s->flowName.isEmpty() ? QStringLiteral("(none)") : s->flowName)
                + stepsText(*s, true));
            const QString message = xmlSafe(s->firstProblem);
            switch (s->status) {
            case ResultStatus::Pass:
                break;
            case ResultStatus::Fail:
            case ResultStatus::Error:
                w.writeStartElement(
                    s->status == ResultStatus::Fail ? QStringLiteral("failure") : QStringLiteral("error"));
                w.writeAttribute(QStringLiteral("message"), message);
                w.writeAttribute(QStringLiteral("type"), toString(s->status));
                w.writeCharacters(xmlSafe(stepsText(*s, false)));
                w.writeEndElement();
                break;
            case ResultStatus::Skipped:
                w.writeEmptyElement(QStringLiteral("skipped"));
                w.writeAttribute(QStringLiteral("message"), message);
                break;
            }
            // Evidence of every step (response excerpts, rows, lines) where CI shows output.
            w.writeTextElement(QStringLiteral("system-out"), output);
            w.writeEndElement(); // testcase
        }
        w.writeEndElement(); // testsuite
    }
    w.writeEndElement(); // testsuites
    w.writeEndDocument();
    return xml;
}

Status JUnitReport::write(
    const QString &path, const Project &project, const Run &run, const QList<CheckResult> &results)
{
    return writeOutput(path, toXml(project, run, results));
}

} // namespace flowbench
