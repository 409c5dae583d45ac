#pragma once

namespace flowbench {

// QUndoCommand::id() values; commands with the same id may merge (mergeWith).
enum CommandId {
    CommandMoveNodes = 1,
    CommandNudgeNodes, // arrow-key moves: a run of nudges of one selection is one step
    CommandChangeValue, // a mergeable ChangeValue: the same field of the same objects
};

} // namespace flowbench
