#include "document/movestep.h"
#include "document/projectdocument.h"

#include <QCoreApplication>
#include <QPointF>
#include <QStringList>
#include <cmath>

namespace flowbench {

namespace {

QString placeText(double x, double y)
{
    return QStringLiteral("(%1, %2)").arg(qRound64(x)).arg(qRound64(y));
}

QString tr(const char *text)
{
    return QCoreApplication::translate("MoveStep", text);
}

// "(120, 340)", "(120, 340), pinned"
QString placeText(const QPointF &place, bool pinned)
{
    const QString at = placeText(place.x(), place.y());
    return pinned ? tr("%1, pinned").arg(at) : at;
}

// "Orders API (120, 340); Billing (0, 80), pinned and 3 more"
QString placesText(const QStringList &names, const QList<QPointF> &places, const QList<bool> &pinned)
{
    const int shown = 3;
    QStringList parts;
    for (int i = 0; i < names.size() && i < shown; ++i)
        parts << QStringLiteral("%1 %2").arg(names[i], placeText(places[i], pinned.value(i)));
    QString text = parts.join(QStringLiteral("; "));
    if (names.size() > shown)
        text += tr(" and %1 more").arg(names.size() - shown);
    return text;
}

} // namespace

QList<NodePosition> currentPositions(const ProjectDocument *document, const QList<NodePosition> &nodes)
{
    QList<NodePosition> now;
    for (const NodePosition &p : nodes)
        if (const Node *n = document->node(p.id))
            now.append({ n->id, n->x, n->y, n->pinned });
    return now;
}

bool writeMoveStep(ProjectDocument *document, const QString &action, EditConflict::Step step,
    const QList<NodePosition> &to, const QList<NodePosition> &expected, const std::function<Status()> &write,
    std::function<QUndoCommand *()> makeMine)
{
    {
        ProjectDocument::ConflictsHandledByCaller handled(document);
        if (write().ok())
            return true;
    }
    if (!document->lastEditConflicted())
        return false; // errorOccurred said why
    if (!document->syncWithStore().ok())
        return false;

    // After the sync the document holds theirs: the nodes not where this step expected,
    // or pinned since this step saw them unpinned.
    QStringList names;
    QList<QPointF> theirs, mine;
    QList<bool> theirPins;
    Id first;
    for (int i = 0; i < to.size() && i < expected.size(); ++i) {
        const Node *n = document->node(to[i].id);
        if (!n)
            continue;
        const bool samePlace
            = std::abs(n->x - expected[i].x) < 0.001 && std::abs(n->y - expected[i].y) < 0.001;
        if (samePlace && !(n->pinned && !expected[i].pinned))
            continue;
        if (first.isEmpty())
            first = n->id;
        names << n->name;
        theirs << QPointF(n->x, n->y);
        theirPins << n->pinned;
        mine << QPointF(to[i].x, to[i].y);
    }
    EditConflict conflict;
    conflict.step = step;
    conflict.action = action;
    conflict.field = tr("position");
    conflict.id = first;
    if (names.size() == 1) {
        conflict.kind = tr("node");
        conflict.item = names.first();
        conflict.theirs = placeText(theirs.first(), theirPins.first());
        conflict.mine = placeText(mine.first().x(), mine.first().y());
    } else {
        // Gone meanwhile, or moved back: still refused, as the store said.
        const int count = names.isEmpty() ? int(to.size()) : int(names.size());
        conflict.kind = tr("%1 nodes").arg(count);
        conflict.item = names.isEmpty() ? action : names.mid(0, 3).join(QStringLiteral(", "));
        conflict.theirs = placesText(names, theirs, theirPins);
        conflict.mine = placesText(names, mine, {});
    }
    conflict.makeMine = std::move(makeMine);
    document->raiseConflict(conflict);
    return false;
}

} // namespace flowbench
