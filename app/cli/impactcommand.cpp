#include "impactcommand.h"

#include "analysis/directedimpact.h"
#include "projectfiles.h"
#include "texttable.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace flowbench::cli {

namespace {

QString groupText(const QString &group)
{
    return group.isEmpty() ? QStringLiteral("(no group)") : group;
}
QString describe(const Node &n)
{
    return QStringLiteral("\"%1\" (%2, %3, id %4)").arg(n.name, toString(n.kind), groupText(n.group), n.id);
}

QString directionName(ImpactDirection d)
{
    switch (d) {
    case ImpactDirection::Up: return QStringLiteral("up");
    case ImpactDirection::Down: return QStringLiteral("down");
    case ImpactDirection::Both: break;
    }
    return QStringLiteral("both");
}

QJsonArray nodesJson(const QList<ReachedNode> &nodes)
{
    QJsonArray a;
    for (const ReachedNode &r : nodes)
        a.append(QJsonObject { { QStringLiteral("id"), r.node->id }, { QStringLiteral("name"), r.node->name },
            { QStringLiteral("kind"), toString(r.node->kind) }, { QStringLiteral("group"), r.node->group },
            { QStringLiteral("distance"), r.distance } });
    return a;
}

QJsonArray flowsJson(const QList<const Flow *> &flows)
{
    QJsonArray a;
    for (const Flow *f : flows)
        a.append(QJsonObject { { QStringLiteral("id"), f->id }, { QStringLiteral("name"), f->name } });
    return a;
}

QByteArray viewJson(const Project &p, const DirectedImpact &v)
{
    QJsonArray testCases;
    QJsonArray ids;
    for (const TestCase *t : v.testCases) {
        const Node *n = p.node(t->nodeId);
        testCases.append(QJsonObject { { QStringLiteral("id"), t->id }, { QStringLiteral("title"), t->title },
            { QStringLiteral("nodeId"), t->nodeId }, { QStringLiteral("node"), n ? n->name : QString() },
            { QStringLiteral("automated"), t->automated } });
        ids.append(t->id);
    }
    const QJsonObject root { { QStringLiteral("project"), p.name },
        { QStringLiteral("node"),
            QJsonObject { { QStringLiteral("id"), v.subject->id },
                { QStringLiteral("name"), v.subject->name },
                { QStringLiteral("kind"), toString(v.subject->kind) },
                { QStringLiteral("group"), v.subject->group } } },
        { QStringLiteral("direction"), directionName(v.direction) }, { QStringLiteral("upstream"), nodesJson(v.upstream) },
        { QStringLiteral("downstream"), nodesJson(v.downstream) },
        { QStringLiteral("flowsThrough"), flowsJson(v.flowsThrough) },
        { QStringLiteral("flowsTouched"), flowsJson(v.flowsTouched) },
        { QStringLiteral("testCases"), testCases },
        { QStringLiteral("run"),
            QJsonObject { { QStringLiteral("testCases"), int(v.testCases.size()) },
                { QStringLiteral("testCaseIds"), ids } } } };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QString nodesText(const QString &title, const QList<ReachedNode> &nodes)
{
    QString text = QStringLiteral("\n%1 (%2):\n").arg(title).arg(nodes.size());
    if (nodes.isEmpty())
        return text + QStringLiteral("  (none)\n");
    QList<QStringList> rows { { QStringLiteral("distance"), QStringLiteral("node"), QStringLiteral("kind"),
        QStringLiteral("group") } };
    for (const ReachedNode &r : nodes)
        rows << QStringList { QString::number(r.distance), r.node->name, toString(r.node->kind),
            groupText(r.node->group) };
    return text + alignedColumns(rows, { 0 });
}

QString flowsText(const QString &title, const QList<const Flow *> &flows)
{
    QStringList names;
    for (const Flow *f : flows)
        names << f->name;
    return QStringLiteral("%1 (%2): %3\n")
        .arg(title)
        .arg(flows.size())
        .arg(names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", ")));
}

QString viewText(const Project &p, const DirectedImpact &v, const QString &file)
{
    QString text = QStringLiteral("Impact of %1 (%2, %3)\n")
                       .arg(v.subject->name, toString(v.subject->kind), groupText(v.subject->group));
    if (v.direction != ImpactDirection::Down)
        text += nodesText(QStringLiteral("Upstream: writers, callers and what feeds them"), v.upstream);
    if (v.direction != ImpactDirection::Up)
        text += nodesText(
            QStringLiteral("Downstream: readers, consumers, callees and what they feed"), v.downstream);
    text += QLatin1Char('\n') + flowsText(QStringLiteral("Flows through it"), v.flowsThrough);
    text += flowsText(QStringLiteral("Flows touched"), v.flowsTouched);
    text += QStringLiteral("\nTest cases reached (%1):\n").arg(v.testCases.size());
    if (v.testCases.isEmpty()) {
        text += QStringLiteral("  (none)\n");
    } else {
        QList<QStringList> rows { { QStringLiteral("test case"), QStringLiteral("node"),
            QStringLiteral("how") } };
        for (const TestCase *t : v.testCases) {
            const Node *n = p.node(t->nodeId);
            rows << QStringList { t->title, n ? n->name : t->nodeId,
                t->automated ? QStringLiteral("automated") : QStringLiteral("manual") };
        }
        text += alignedColumns(rows);
    }
    text += QStringLiteral("\nRun what touches this: %1 test case(s); their ids are in `flowbench-cli impact "
                           "%2 --node-id %3 --json` (run.testCaseIds).\n")
                .arg(v.testCases.size())
                .arg(file, v.subject->id);
    return text;
}

} // namespace

void ImpactCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("FILE"),
        QStringLiteral("A project file (*.flowbench) or its canonical JSON (*.json)."));
    parser.addOption(
        { QStringLiteral("node"), QStringLiteral("The node, by name."), QStringLiteral("NAME") });
    parser.addOption({ QStringLiteral("node-id"),
        QStringLiteral("The node, by id (when several share a name)."), QStringLiteral("ID") });
    parser.addOption({ QStringLiteral("direction"), QStringLiteral("up, down or both (the default)."),
        QStringLiteral("DIR"), QStringLiteral("both") });
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print JSON instead of tables.") });
}

int ImpactCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1)
        return usageError(err, name(), QStringLiteral("expects one FILE"));
    const bool byName = parser.isSet(QStringLiteral("node"));
    const bool byId = parser.isSet(QStringLiteral("node-id"));
    if (byName == byId)
        return usageError(err, name(), QStringLiteral("expects either --node NAME or --node-id ID"));
    const QString directionText = parser.value(QStringLiteral("direction"));
    const std::optional<ImpactDirection> direction = impactDirectionFromString(directionText);
    if (!direction)
        return usageError(
            err, name(), QStringLiteral("--direction expects up, down or both, not \"%1\"").arg(directionText));

    const Result<Project> loaded = readProject(args[0]);
    if (!loaded) {
        err << loaded.error() << "\n";
        return ExitBadInput;
    }
    const Project &project = loaded.value();

    const Node *subject = nullptr;
    if (byId) {
        const QString id = parser.value(QStringLiteral("node-id"));
        subject = project.node(id);
        if (!subject) {
            err << args[0] << ": no node with id " << id << "\n";
            return ExitBadInput;
        }
    } else {
        const QString wanted = parser.value(QStringLiteral("node"));
        QList<const Node *> exact;
        QList<const Node *> close;
        for (const Node &n : project.nodes) {
            if (n.name == wanted)
                exact.append(&n);
            else if (!wanted.isEmpty() && n.name.contains(wanted, Qt::CaseInsensitive))
                close.append(&n);
            else if (n.name.compare(wanted, Qt::CaseInsensitive) == 0)
                close.append(&n);
        }
        if (exact.size() > 1) {
            err << args[0] << ": " << exact.size() << " nodes are named \"" << wanted
                << "\"; choose one with --node-id ID:\n";
            for (const Node *n : exact)
                err << "  " << describe(*n) << "\n";
            return ExitBadInput;
        }
        if (exact.isEmpty()) {
            err << args[0] << ": no node named \"" << wanted << "\"";
            if (close.isEmpty()) {
                err << " (and no name contains it)\n";
            } else {
                err << "; did you mean:\n";
                for (const Node *n : close)
                    err << "  " << describe(*n) << "\n";
            }
            return ExitBadInput;
        }
        subject = exact.first();
    }

    const DirectedImpact view = directedImpact(project, *subject, *direction);
    if (parser.isSet(QStringLiteral("json")))
        out << QString::fromUtf8(viewJson(project, view));
    else
        out << viewText(project, view, args[0]);
    return ExitOk;
}

} // namespace flowbench::cli
