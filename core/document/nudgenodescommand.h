#pragma once

#include "document/movenodescommand.h"

namespace flowbench {

// A move by the arrow keys. Consecutive nudges of the same run (the map starts a new run
// when the selection changes) merge, so one undo takes the nodes back to where the run
// began. They never merge with a mouse drag before them.
class NudgeNodesCommand : public MoveNodesCommand
{
public:
    NudgeNodesCommand(ProjectDocument *document, QList<NodePosition> from, const QList<NodePosition> &to, int run,
                      QUndoCommand *parent = nullptr);
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    int m_run;
};

} // namespace flowbench
