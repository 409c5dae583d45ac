#include "document/changeedgecommand.h"
#include "document/projectdocument.h"

namespace flowbench {

ChangeEdgeCommand::ChangeEdgeCommand(ProjectDocument *document, const Edge &before, const Edge &after,
                                     const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent), m_document(document), m_before(before), m_after(after)
{
}

void ChangeEdgeCommand::redo()
{
    if (!m_document->updateEdge(m_after))
        setObsolete(true);
}

void ChangeEdgeCommand::undo() { m_document->updateEdge(m_before); }

} // namespace flowbench
