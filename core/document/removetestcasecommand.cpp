#include "document/removetestcasecommand.h"
#include "document/projectdocument.h"

#include <QCoreApplication>

namespace flowbench {

RemoveTestCaseCommand::RemoveTestCaseCommand(ProjectDocument *document, const Id &id, QUndoCommand *parent)
    : QUndoCommand(parent), m_document(document)
{
    if (const TestCase *t = document->testCase(id))
        m_testCase = *t;
    m_testCase.id = id;
    setText(QCoreApplication::translate("RemoveTestCaseCommand", "Delete test case %1").arg(m_testCase.title));
}

void RemoveTestCaseCommand::redo()
{
    if (!m_document->removeTestCase(m_testCase.id))
        setObsolete(true);
}

void RemoveTestCaseCommand::undo()
{
    TestCase testCase = m_testCase;
    m_document->addTestCase(testCase);
}

} // namespace flowbench
