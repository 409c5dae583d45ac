#include "historycommand.h"

#include "projectfiles.h"
#include "store/editlog.h"
#include "store/projectstore.h"
#include "texttable.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace flowbench::cli {

void HistoryCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("PROJECT"),
        QStringLiteral("The project file (*.flowbench) or a shared project's postgresql:// URL."));
    parser.addOptions({
        { QStringLiteral("node"), QStringLiteral("The node (with its edges, test cases and comments)."),
            QStringLiteral("id") },
        { QStringLiteral("test-case"), QStringLiteral("The test case."), QStringLiteral("id") },
        { QStringLiteral("json"), QStringLiteral("Print JSON instead of a table.") },
    });
}

int HistoryCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1)
        return usageError(err, name(), QStringLiteral("expects one PROJECT"));
    const QString nodeId = parser.value(QStringLiteral("node"));
    const QString testCaseId = parser.value(QStringLiteral("test-case"));
    if (nodeId.isEmpty() == testCaseId.isEmpty())
        return usageError(err, name(), QStringLiteral("give either --node ID or --test-case ID"));
    const QString &path = args.first();
    const std::unique_ptr<ProjectStore> store = openExistingProject(path, err);
    if (!store)
        return ExitBadInput;
    QString title;
    if (!nodeId.isEmpty()) {
        const Result<Node> node = store->node(nodeId);
        if (!node) {
            err << node.error() << '\n';
            return ExitBadInput;
        }
        title = QStringLiteral("node \"%1\"").arg(node->name);
    } else {
        const Result<TestCase> testCase = store->testCase(testCaseId);
        if (!testCase) {
            err << testCase.error() << '\n';
            return ExitBadInput;
        }
        title = QStringLiteral("test case \"%1\"").arg(testCase->title);
    }
    const Id id = nodeId.isEmpty() ? testCaseId : nodeId;
    const Result<QList<EditLogEntry>> history = store->history(id, 10000);
    if (!history) {
        err << history.error() << '\n';
        return ExitBadInput;
    }
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray lines;
        for (const EditLogEntry &e : history.value())
            lines.append(QJsonObject { { QStringLiteral("at"), e.at.toUTC().toString(Qt::ISODateWithMs) },
                { QStringLiteral("author"), e.author }, { QStringLiteral("kind"), e.entityKind },
                { QStringLiteral("id"), e.entityId }, { QStringLiteral("name"), e.entityName },
                { QStringLiteral("change"), toString(e.change) }, { QStringLiteral("field"), e.field },
                { QStringLiteral("old"), e.oldValue }, { QStringLiteral("new"), e.newValue } });
        out << QString::fromUtf8(
            QJsonDocument(QJsonObject { { QStringLiteral("id"), id }, { QStringLiteral("history"), lines } })
                .toJson(QJsonDocument::Indented));
        return ExitOk;
    }
    out << QStringLiteral("History of %1\n\n").arg(title);
    if (history->isEmpty()) {
        out << "  no recorded changes\n";
        return ExitOk;
    }
    QList<QStringList> rows { { QStringLiteral("WHEN (UTC)"), QStringLiteral("WHO"), QStringLiteral("ITEM"),
        QStringLiteral("WHAT") } };
    for (const EditLogEntry &e : history.value())
        rows << QStringList { e.at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), e.author,
            e.entityId == id ? QStringLiteral("-")
                             : QStringLiteral("%1 \"%2\"").arg(e.entityKind, e.entityName),
            e.summary() };
    out << alignedColumns(rows);
    return ExitOk;
}

} // namespace flowbench::cli
