#include "document/addtestcasecommand.h"
#include "document/projectdocument.h"

#include <QCoreApplication>

namespace flowbench {

AddTestCaseCommand::AddTestCaseCommand(ProjectDocument *document, TestCase testCase, QUndoCommand *parent)
    : QUndoCommand(parent), m_document(document), m_testCase(std::move(testCase))
{
    if (m_testCase.id.isEmpty())
        m_testCase.id = newId();
    setText(QCoreApplication::translate("AddTestCaseCommand", "Add test case %1").arg(m_testCase.title));
}

void AddTestCaseCommand::redo()
{
    TestCase testCase = m_testCase;
    if (!m_document->addTestCase(testCase))
        setObsolete(true);
}

void AddTestCaseCommand::undo() { m_document->removeTestCase(m_testCase.id); }

} // namespace flowbench
