#include "map/mapclipboard.h"

#include "document/projectdocument.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>
#include <QSet>

namespace flowbench::MapClipboard {

QString mimeType() { return QStringLiteral("application/x-flowbench-map+json"); }

QMimeData *copy(const ProjectDocument &document, const QList<Id> &nodeIds)
{
    const QSet<Id> ids(nodeIds.cbegin(), nodeIds.cend());
    QJsonArray nodes;
    for (const Id &id : nodeIds) {
        const Node *n = document.node(id);
        if (!n)
            continue;
        nodes.append(QJsonObject{
            {QStringLiteral("ref"), n->id},
            {QStringLiteral("kind"), toString(n->kind)},
            {QStringLiteral("name"), n->name},
            {QStringLiteral("group"), n->group},
            {QStringLiteral("owner"), n->owner},
            {QStringLiteral("description"), n->description},
            {QStringLiteral("likelihood"), n->risk.likelihood},
            {QStringLiteral("impact"), n->risk.impact},
            {QStringLiteral("properties"), n->properties},
            {QStringLiteral("x"), n->x},
            {QStringLiteral("y"), n->y},
        });
    }
    QJsonArray edges;
    for (const Edge &e : document.edges()) {
        if (!ids.contains(e.from) || !ids.contains(e.to))
            continue;
        edges.append(QJsonObject{{QStringLiteral("from"), e.from},
                                 {QStringLiteral("to"), e.to},
                                 {QStringLiteral("kind"), toString(e.kind)},
                                 {QStringLiteral("label"), e.label}});
    }
    const QByteArray json = QJsonDocument(QJsonObject{{QStringLiteral("flowbench-nodes"), nodes},
                                                      {QStringLiteral("edges"), edges}})
                                .toJson(QJsonDocument::Compact);
    auto *data = new QMimeData;
    data->setData(mimeType(), json);
    data->setText(QString::fromUtf8(json)); // pastes into a text editor or another Flowbench
    return data;
}

namespace {
QByteArray payload(const QMimeData *data)
{
    if (!data)
        return {};
    if (data->hasFormat(mimeType()))
        return data->data(mimeType());
    return data->text().toUtf8();
}
} // namespace

bool canPaste(const QMimeData *data)
{
    const QByteArray bytes = payload(data);
    return !bytes.isEmpty() && QJsonDocument::fromJson(bytes).object().contains(QStringLiteral("flowbench-nodes"));
}

bool fromMime(const QMimeData *data, const QPointF &offset, QList<Node> *nodes, QList<Edge> *edges)
{
    const QJsonObject root = QJsonDocument::fromJson(payload(data)).object();
    if (!root.contains(QStringLiteral("flowbench-nodes")))
        return false;
    QHash<QString, Id> newIds;
    for (const QJsonValue &value : root.value(QStringLiteral("flowbench-nodes")).toArray()) {
        const QJsonObject o = value.toObject();
        const auto kind = nodeKindFromString(o.value(QStringLiteral("kind")).toString());
        if (!kind)
            continue;
        Node n;
        n.id = newId();
        n.kind = *kind;
        n.name = o.value(QStringLiteral("name")).toString();
        n.group = o.value(QStringLiteral("group")).toString();
        n.owner = o.value(QStringLiteral("owner")).toString();
        n.description = o.value(QStringLiteral("description")).toString();
        n.risk = {qBound(1, o.value(QStringLiteral("likelihood")).toInt(1), 5),
                  qBound(1, o.value(QStringLiteral("impact")).toInt(1), 5)};
        n.properties = o.value(QStringLiteral("properties")).toObject();
        n.x = o.value(QStringLiteral("x")).toDouble() + offset.x();
        n.y = o.value(QStringLiteral("y")).toDouble() + offset.y();
        newIds.insert(o.value(QStringLiteral("ref")).toString(), n.id);
        nodes->append(n);
    }
    for (const QJsonValue &value : root.value(QStringLiteral("edges")).toArray()) {
        const QJsonObject o = value.toObject();
        const auto kind = edgeKindFromString(o.value(QStringLiteral("kind")).toString());
        const Id from = newIds.value(o.value(QStringLiteral("from")).toString());
        const Id to = newIds.value(o.value(QStringLiteral("to")).toString());
        if (!kind || from.isEmpty() || to.isEmpty())
            continue;
        edges->append({newId(), from, to, *kind, o.value(QStringLiteral("label")).toString()});
    }
    return !nodes->isEmpty();
}

} // namespace flowbench::MapClipboard
