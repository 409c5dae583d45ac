#include "document/applylayoutcommand.h"
#include "document/movestep.h"
#include "document/projectdocument.h"

#include <QCoreApplication>

namespace flowbench {

ApplyLayoutCommand::ApplyLayoutCommand(ProjectDocument *document, const QList<NodePosition> &positions,
    const QHash<Id, QList<QPointF>> &routes, QUndoCommand *parent)
    : QUndoCommand(QCoreApplication::translate("ApplyLayoutCommand", "Layout"), parent)
    , m_document(document)
{
    QHash<Id, QPointF> placed; // where every node will be once the layout is applied
    for (const Node &n : document->nodes())
        placed.insert(n.id, QPointF(n.x, n.y));
    for (const NodePosition &p : positions) {
        const Node *n = document->node(p.id);
        if (!n || n->pinned)
            continue;
        m_from.append({ n->id, n->x, n->y, n->pinned });
        m_to.append({ n->id, p.x, p.y, n->pinned });
        placed.insert(n->id, QPointF(p.x, p.y));
    }
    for (const Edge &e : document->edges()) {
        SplineRoute route;
        const auto it = routes.constFind(e.id);
        if (it != routes.cend() && SplineRoute::isValidPointCount(it->size()))
            route = SplineRoute { it.value(), placed.value(e.from), placed.value(e.to) };
        if (route == e.route)
            continue;
        m_routesBefore.append({ e.id, e.route });
        m_routesAfter.append({ e.id, route });
    }
}

ApplyLayoutCommand::ApplyLayoutCommand(ProjectDocument *document, const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_document(document)
{
}

ApplyLayoutCommand *ApplyLayoutCommand::again(ProjectDocument *document, const QList<NodePosition> &to,
    const QList<EdgeRouteChange> &routes, const QString &text)
{
    auto *command = new ApplyLayoutCommand(document, text);
    for (const NodePosition &p : to)
        if (const Node *n = document->node(p.id)) {
            command->m_from.append({ n->id, n->x, n->y, n->pinned });
            command->m_to.append(p);
        }
    for (const EdgeRouteChange &change : routes)
        if (const Edge *e = document->edge(change.id)) {
            command->m_routesBefore.append({ e->id, e->route });
            command->m_routesAfter.append(change);
        }
    if (command->m_to.isEmpty() && command->m_routesAfter.isEmpty()) {
        delete command;
        return nullptr;
    }
    return command;
}

void ApplyLayoutCommand::redo()
{
    if (!step(m_to, m_routesAfter, m_from, m_done ? EditConflict::Step::Redo : EditConflict::Step::Edit))
        setObsolete(true);
    m_done = true;
}

void ApplyLayoutCommand::undo()
{
    // Only a conflict drops the command: an undo refused for another reason (offline)
    // leaves it to be tried again.
    if (!step(m_from, m_routesBefore, m_to, EditConflict::Step::Undo) && m_document->lastEditConflicted())
        setObsolete(true);
}

bool ApplyLayoutCommand::step(const QList<NodePosition> &to, const QList<EdgeRouteChange> &routes,
    const QList<NodePosition> &expected, EditConflict::Step step)
{
    ProjectDocument *document = m_document;
    const QString action = step == EditConflict::Step::Undo
        ? QCoreApplication::translate("ApplyLayoutCommand", "Undo %1").arg(text())
        : text();
    auto mine
        = [document, to, routes, action]() -> QUndoCommand * { return again(document, to, routes, action); };
    return writeMoveStep(
        m_document, action, step, to, expected, [&] { return m_document->applyLayout(to, routes, expected); },
        mine);
}

} // namespace flowbench
