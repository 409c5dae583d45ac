#pragma once

#include "model/testcase.h"

#include <QUndoCommand>

namespace flowbench {

class ProjectDocument;

class ChangeTestCaseCommand : public QUndoCommand
{
public:
    ChangeTestCaseCommand(ProjectDocument *document, const TestCase &before, const TestCase &after,
                          const QString &text, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    TestCase m_before;
    TestCase m_after;
};

} // namespace flowbench
