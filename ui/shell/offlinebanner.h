#pragma once

#include <QFrame>
#include <QPointer>

class QLabel;
class QUndoGroup;

namespace flowbench {

class ProjectDocument;
class WindowActions;

// The strip above the map while a shared project's server cannot be reached: since when,
// that reading works and edits are refused, and that it reconnects by itself. While it
// shows, what only edits is off (the window's edit actions, undo and redo, the palette),
// the same way as for a read-only project; when the server is back it goes, and
// statusMessage says so. Hidden for a project file and while connected.
class OfflineBanner : public QFrame
{
    Q_OBJECT
public:
    OfflineBanner(WindowActions *actions, QUndoGroup *undoGroup, QWidget *parent = nullptr);
    // `palette` is off while offline too; nullptr hides the banner.
    void setDocument(ProjectDocument *document, QWidget *palette);
    QString text() const;

signals:
    void statusMessage(const QString &message, int timeoutMs);

private:
    void showOffline(bool offline);

    WindowActions *m_actions;
    QUndoGroup *m_undoGroup;
    QPointer<ProjectDocument> m_document;
    QPointer<QWidget> m_palette;
    QMetaObject::Connection m_offlineChanged;
    QLabel *m_label = nullptr;
};

} // namespace flowbench
