#include "document/changeflowcommand.h"
#include "document/projectdocument.h"

namespace flowbench {

ChangeFlowCommand::ChangeFlowCommand(ProjectDocument *document, const Flow &before, const Flow &after,
                                     const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent), m_document(document), m_before(before), m_after(after)
{
}

void ChangeFlowCommand::redo()
{
    if (!m_document->updateFlow(m_after))
        setObsolete(true);
}

void ChangeFlowCommand::undo() { m_document->updateFlow(m_before); }

} // namespace flowbench
