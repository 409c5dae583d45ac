#pragma once

#include "layout/layoutjob.h"

#include <QObject>

namespace flowbench {

class ProjectDocument;

// Lays the map out off the UI thread: snapshots the document, runs a LayoutJob, then
// applies the result, node positions and edge splines, as one ApplyLayoutCommand (pinned
// nodes stay). The scene draws the splines from the document.
class MapLayouter : public QObject
{
    Q_OBJECT
public:
    MapLayouter(ProjectDocument *document, QObject *parent = nullptr);

    void start();
    void cancel();
    bool isRunning() const { return m_job.isRunning(); }

signals:
    void started();
    void progressChanged(int done, int total);
    // applied: the map changed; message: for the status bar (engine or error).
    void done(bool applied, const QString &message);

private:
    void apply(const LayoutResult &result);

    ProjectDocument *m_document;
    LayoutJob m_job;
};

} // namespace flowbench
