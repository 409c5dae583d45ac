#pragma once

#include "model/testcase.h"

#include <QUndoCommand>

namespace flowbench {

class ProjectDocument;

class RemoveTestCaseCommand : public QUndoCommand
{
public:
    RemoveTestCaseCommand(ProjectDocument *document, const Id &id, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    TestCase m_testCase;
};

} // namespace flowbench
