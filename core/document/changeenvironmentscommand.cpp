#include "document/changeenvironmentscommand.h"
#include "document/projectdocument.h"

#include <QCoreApplication>

namespace flowbench {

ChangeEnvironmentsCommand::ChangeEnvironmentsCommand(
    ProjectDocument *document, QList<Environment> before, QList<Environment> after, QUndoCommand *parent)
    : QUndoCommand(QCoreApplication::translate("ChangeEnvironmentsCommand", "Edit Environments"), parent)
    , m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    // New environments keep one id across undo and redo.
    for (Environment &e : m_after)
        if (e.id.isEmpty())
            e.id = newId();
}

void ChangeEnvironmentsCommand::redo()
{
    if (!m_document->setEnvironments(m_after))
        setObsolete(true);
}

void ChangeEnvironmentsCommand::undo()
{
    m_document->setEnvironments(m_before);
}

} // namespace flowbench
