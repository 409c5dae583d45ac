#include "document/changetestcasecommand.h"
#include "document/projectdocument.h"

namespace flowbench {

ChangeTestCaseCommand::ChangeTestCaseCommand(ProjectDocument *document, const TestCase &before,
                                             const TestCase &after, const QString &text,
                                             QUndoCommand *parent)
    : QUndoCommand(text, parent), m_document(document), m_before(before), m_after(after)
{
}

void ChangeTestCaseCommand::redo()
{
    if (!m_document->updateTestCase(m_after))
        setObsolete(true);
}

void ChangeTestCaseCommand::undo() { m_document->updateTestCase(m_before); }

} // namespace flowbench
