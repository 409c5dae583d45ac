#pragma once

namespace flowbench {

// QUndoCommand::id() values; commands with the same id may merge (mergeWith).
enum CommandId {
    CommandMoveNodes = 1,
    CommandChangeNode,
};

} // namespace flowbench
