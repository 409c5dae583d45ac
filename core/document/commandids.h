#pragma once

namespace flowbench {

// QUndoCommand::id() values; commands with the same id may merge (mergeWith).
enum CommandId {
    CommandMoveNodes = 1,
    CommandChangeNode,
    CommandNudgeNodes, // arrow-key moves: a run of nudges of one selection is one step
};

} // namespace flowbench
