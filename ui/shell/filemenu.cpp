#include "shell/filemenu.h"

#include "document/projectdocument.h"
#include "map/export/comparewindow.h"
#include "map/export/mapexportactions.h"
#include "report/reportexportaction.h"
#include "shell/documentcontroller.h"
#include "shell/importexportactions.h"
#include "shell/windowactions.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>

namespace flowbench {

FileMenu::FileMenu(QMainWindow *window, WindowActions *actions, DocumentController *documents, MapView *view)
    : QObject(window)
    , m_menu(window->menuBar()->addMenu(tr("&File")))
{
    QMenu *file = m_menu;
    auto document = [documents] { return documents->document(); };
    file->addActions(actions->actions({ QStringLiteral("actionNew"), QStringLiteral("actionOpen") }));
    file->addAction(tr("Open &Shared Project…"), documents, &DocumentController::openSharedProjectDialog)
        ->setObjectName(QStringLiteral("actionOpenShared"));
    m_recent = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    auto *formats = new ImportExportActions(
        window, document, [documents](const QString &path) { return documents->openProjectFile(path); });
    actions->add(formats->importAction(), false);
    actions->add(formats->exportAction(), true);
    actions->add(formats->importResultsAction(), true);
    file->addActions(actions->actions({ QStringLiteral("actionSaveAs") }));
    file->addActions({ formats->importAction(), formats->importResultsAction() });

    // File ▸ Export ▸ Map…, Report… and every registered format.
    m_map = new MapExportActions(window, view);
    actions->add(m_map->exportAction(), true);
    actions->add(m_map->printAction(), true);
    m_report = new ReportExportAction(window, document);
    actions->add(m_report->action()); // enabled by itself: only with a stored run
    m_export = file->addMenu(tr("&Export"));
    m_export->menuAction()->setObjectName(QStringLiteral("actionExportMenu"));
    m_export->setToolTipsVisible(true); // why Report… is off
    m_export->addActions({ m_map->exportAction(), m_report->action() });
    m_export->addSeparator();
    m_export->addAction(formats->exportAction());
    actions->add(m_export->menuAction(), true);
    file->addAction(m_map->printAction());
    connect(m_map, &MapExportActions::statusMessage, this, &FileMenu::statusMessage);
    connect(m_report, &ReportExportAction::statusMessage, this, &FileMenu::statusMessage);

    // Report… follows the open project's run history.
    auto followRuns = [this](ProjectDocument *opened) {
        m_report->update();
        if (opened)
            connect(opened, &ProjectDocument::runAdded, m_report, &ReportExportAction::update,
                Qt::UniqueConnection);
    };
    connect(documents, &DocumentController::documentChanged, this, followRuns);
    connect(m_export, &QMenu::aboutToShow, m_report, &ReportExportAction::update);

    auto *compare = new CompareWithAction(window, document);
    actions->add(compare->action(), true);
    file->addAction(compare->action());
    file->addActions(actions->actions({ QStringLiteral("actionReload"), QStringLiteral("actionClose") }));
    file->addSeparator();
    file->addAction(actions->action(QStringLiteral("actionQuit")));
}

} // namespace flowbench
