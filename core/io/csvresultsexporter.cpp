#include "io/csvresultsexporter.h"

#include <QHash>
#include <algorithm>

namespace flowbench {

QByteArray CsvResultsExporter::field(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    // A spreadsheet runs a cell starting with = + - @ (or a tab or CR before them) as a
    // formula, and messages carry response text an attacker may control: the apostrophe
    // makes it text, as OWASP's CSV injection advice has it.
    static const QByteArray formulaStarts("=+-@\t\r");
    if (!utf8.isEmpty() && formulaStarts.contains(utf8.at(0))) {
        utf8.prepend('\'');
        return '"' + utf8.replace("\"", "\"\"") + '"';
    }
    if (!utf8.contains(',') && !utf8.contains('"') && !utf8.contains('\n') && !utf8.contains('\r'))
        return utf8;
    utf8.replace("\"", "\"\"");
    return '"' + utf8 + '"';
}

Result<QByteArray> CsvResultsExporter::write(const Project &project, const ExportOptions &) const
{
    // The newest result of each check: latest finish, and among equal times the later one
    // in the history (results come oldest run first).
    QHash<Id, const CheckResult *> latest;
    for (const CheckResult &r : project.results) {
        const CheckResult *&kept = latest[r.checkId];
        if (!kept || r.finishedAt >= kept->finishedAt)
            kept = &r;
    }

    struct Row
    {
        const Node *node;
        const TestCase *testCase;
        int step; // the cleanup steps after the steps: checks.size() + k
        const CheckResult *result;
    };
    QList<Row> rows;
    for (const TestCase &t : project.testCases)
        for (int i = 0; i < t.checks.size() + t.cleanup.size(); ++i) {
            const Check &c = i < t.checks.size() ? t.checks[i] : t.cleanup[i - t.checks.size()];
            if (const CheckResult *r = latest.value(c.id))
                rows.append({ project.node(t.nodeId), &t, i, r });
        }
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        const QString an = a.node ? a.node->name : QString();
        const QString bn = b.node ? b.node->name : QString();
        if (const int c = an.compare(bn, Qt::CaseInsensitive); c != 0)
            return c < 0;
        if (a.testCase->nodeId != b.testCase->nodeId)
            return a.testCase->nodeId < b.testCase->nodeId;
        if (a.testCase->position != b.testCase->position)
            return a.testCase->position < b.testCase->position;
        if (a.testCase->id != b.testCase->id)
            return a.testCase->id < b.testCase->id;
        return a.step < b.step;
    });

    QByteArray out = "node,test case,check,status,duration_ms,message\r\n";
    for (const Row &row : rows) {
        const qsizetype steps = row.testCase->checks.size();
        const bool cleanup = row.step >= steps;
        const Check &check
            = cleanup ? row.testCase->cleanup[row.step - steps] : row.testCase->checks[row.step];
        QString checkName = check.name.isEmpty() ? QStringLiteral("step %1 (%2)")
                                                       .arg(cleanup ? row.step - steps + 1 : row.step + 1)
                                                       .arg(check.type)
                                                 : check.name;
        if (cleanup)
            checkName = QStringLiteral("cleanup: ") + checkName;
        const QList<QByteArray> fields { field(row.node ? row.node->name : row.testCase->nodeId),
            field(row.testCase->title), field(checkName), field(toString(row.result->status)),
            QByteArray::number(row.result->durationMs), field(row.result->message) };
        out += fields.join(',') + "\r\n";
    }
    return out;
}

} // namespace flowbench
