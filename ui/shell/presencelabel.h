#pragma once

#include <QLabel>

namespace flowbench {

class ProjectDocument;

// The status bar's "Also here: alice, bob" for a shared project: who else has it open
// (ProjectDocument::othersHere), with since when in the tooltip. Hidden when nobody else
// is there and for a project file, which keeps no presence.
class PresenceLabel : public QLabel
{
    Q_OBJECT
public:
    explicit PresenceLabel(QWidget *parent = nullptr);
    void setDocument(ProjectDocument *document);

private:
    void refresh();

    ProjectDocument *m_document = nullptr;
};

} // namespace flowbench
