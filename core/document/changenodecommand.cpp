#include "document/changenodecommand.h"
#include "document/projectdocument.h"

namespace flowbench {

ChangeNodeCommand::ChangeNodeCommand(ProjectDocument *document, const Node &before, const Node &after,
                                     const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent), m_document(document), m_before(before), m_after(after)
{
}

void ChangeNodeCommand::redo()
{
    if (!m_document->updateNode(m_after))
        setObsolete(true);
}

void ChangeNodeCommand::undo() { m_document->updateNode(m_before); }

} // namespace flowbench
