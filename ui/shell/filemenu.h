#pragma once

#include <QObject>

class QMainWindow;
class QMenu;

namespace flowbench {

class DocumentController;
class ImportExportActions;
class MapExportActions;
class MapView;
class ReportExportAction;
class WindowActions;

// The window's File menu: new, open, recent, save as, the imports, the Export submenu
// (Map…, Report…, Other Formats…), print, compare, reload, close and quit. Its actions
// are added to WindowActions, which looks them up by object name and enables the ones
// that need a project.
class FileMenu : public QObject
{
    Q_OBJECT
public:
    FileMenu(QMainWindow *window, WindowActions *actions, DocumentController *documents, MapView *view);

    QMenu *menu() const { return m_menu; }
    QMenu *recentMenu() const { return m_recent; }
    QMenu *exportMenu() const { return m_export; }
    ReportExportAction *reportExport() const { return m_report; }
    MapExportActions *mapExport() const { return m_map; }

signals:
    void statusMessage(const QString &message, int timeoutMs);

private:
    QMenu *m_menu;
    QMenu *m_recent;
    QMenu *m_export;
    ReportExportAction *m_report;
    MapExportActions *m_map;
};

} // namespace flowbench
