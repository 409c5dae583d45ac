#pragma once

#include <QFrame>

class QLabel;

namespace flowbench {

class ProjectDocument;

// The strip above the map that says a project opened read-only, why, and what still
// works (looking, running checks, Save As a copy to edit). Hidden for a writable project.
class ReadOnlyBanner : public QFrame
{
    Q_OBJECT
public:
    explicit ReadOnlyBanner(QWidget *parent = nullptr);
    void setDocument(const ProjectDocument *document); // nullptr hides it
    QString text() const;

private:
    QLabel *m_label = nullptr;
};

} // namespace flowbench
