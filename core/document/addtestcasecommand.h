#pragma once

#include "model/testcase.h"

#include <QUndoCommand>

namespace flowbench {

class ProjectDocument;

class AddTestCaseCommand : public QUndoCommand
{
public:
    AddTestCaseCommand(ProjectDocument *document, TestCase testCase, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    Id testCaseId() const { return m_testCase.id; }

private:
    ProjectDocument *m_document;
    TestCase m_testCase;
};

} // namespace flowbench
