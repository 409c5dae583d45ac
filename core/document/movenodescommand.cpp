#include "document/movenodescommand.h"
#include "document/commandids.h"
#include "document/movestep.h"
#include "document/projectdocument.h"

#include <QCoreApplication>

namespace flowbench {

MoveNodesCommand::MoveNodesCommand(
    ProjectDocument *document, QList<NodePosition> from, QList<NodePosition> to, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_from(std::move(from))
    , m_to(std::move(to))
{
    setText(QCoreApplication::translate("MoveNodesCommand", "Move %n node(s)", nullptr, int(m_to.size())));
}

void MoveNodesCommand::redo()
{
    if (!step(m_to, m_from, m_done ? EditConflict::Step::Redo : EditConflict::Step::Edit))
        setObsolete(true);
    m_done = true;
}

void MoveNodesCommand::undo()
{
    // Only a conflict drops the command: an undo refused for another reason (offline)
    // leaves it to be tried again.
    if (!step(m_from, m_to, EditConflict::Step::Undo) && m_document->lastEditConflicted())
        setObsolete(true);
}

bool MoveNodesCommand::step(
    const QList<NodePosition> &to, const QList<NodePosition> &expected, EditConflict::Step step)
{
    ProjectDocument *document = m_document;
    const QString action = step == EditConflict::Step::Undo
        ? QCoreApplication::translate("MoveNodesCommand", "Undo %1").arg(text())
        : text();
    auto mine = [document, to]() -> QUndoCommand * {
        const QList<NodePosition> now = currentPositions(document, to);
        QList<NodePosition> target;
        for (const NodePosition &p : to)
            if (document->node(p.id))
                target.append(p);
        if (target.isEmpty())
            return nullptr;
        auto *command = new MoveNodesCommand(document, now, target);
        command->m_standalone = true;
        return command;
    };
    return writeMoveStep(
        m_document, action, step, to, expected, [&] { return m_document->setNodePositions(to, expected); },
        mine);
}

int MoveNodesCommand::id() const
{
    return m_standalone ? -1 : CommandMoveNodes;
}

bool MoveNodesCommand::mergeWith(const QUndoCommand *other)
{
    auto move = static_cast<const MoveNodesCommand *>(other);
    // A refused move (obsolete) wrote nothing: there is nothing to merge. A merged move
    // keeps the first one's from-positions, where its undo expects them back.
    if (move->isObsolete() || move->m_document != m_document || move->m_to.size() != m_to.size())
        return false;
    for (int i = 0; i < m_to.size(); ++i)
        if (m_to.at(i).id != move->m_to.at(i).id)
            return false;
    m_to = move->m_to;
    return true;
}

} // namespace flowbench
