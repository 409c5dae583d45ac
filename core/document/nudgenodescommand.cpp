#include "document/nudgenodescommand.h"
#include "document/commandids.h"

#include <QCoreApplication>

namespace flowbench {

NudgeNodesCommand::NudgeNodesCommand(ProjectDocument *document, QList<NodePosition> from, const QList<NodePosition> &to,
                                     int run, QUndoCommand *parent)
    : MoveNodesCommand(document, std::move(from), to, parent), m_run(run)
{
    setText(QCoreApplication::translate("NudgeNodesCommand", "Nudge %n node(s)", nullptr, int(to.size())));
}

int NudgeNodesCommand::id() const { return CommandNudgeNodes; }

bool NudgeNodesCommand::mergeWith(const QUndoCommand *other)
{
    // Same id, so `other` is a nudge too.
    if (static_cast<const NudgeNodesCommand *>(other)->m_run != m_run)
        return false;
    return MoveNodesCommand::mergeWith(other);
}

} // namespace flowbench
