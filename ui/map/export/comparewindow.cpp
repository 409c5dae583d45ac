#include "map/export/comparewindow.h"

#include "document/projectdocument.h"
#include "io/canonicaljson.h"
#include "map/edgeitem.h"
#include "map/export/diffmapimage.h"
#include "map/mapscene.h"
#include "map/mapview.h"
#include "map/nodeitem.h"
#include "store/projectstore.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QListWidget>
#include <QMessageBox>
#include <QSplitter>

namespace flowbench {

Result<Project> readProjectFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile())
        return Result<Project>::failure(QObject::tr("%1: no such file").arg(path));
    if (info.suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return Result<Project>::failure(QObject::tr("%1: cannot read: %2").arg(path, file.errorString()));
        return fromCanonicalJson(file.readAll(), path);
    }
    auto store = ProjectStore::open(path);
    if (!store)
        return Result<Project>::failure(store.error());
    return store.value()->load();
}

CompareWindow::CompareWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setAttribute(Qt::WA_DeleteOnClose);
    setObjectName(QStringLiteral("compareWindow"));
}

CompareWindow::~CompareWindow()
{
    delete m_view; // before the scene it shows
    m_view = nullptr;
}

Result<CompareWindow *> CompareWindow::create(
    const Project &before, const QString &beforeName, const Project &after, QWidget *parent)
{
    std::unique_ptr<CompareWindow> w(new CompareWindow(parent));
    w->m_diff = diffProjects(before, after);
    Result<std::unique_ptr<ProjectMap>> map = buildDiffMap(before, after, w->m_diff, MapImageOptions {});
    if (!map)
        return Result<CompareWindow *>::failure(map.error());
    w->m_map = std::move(map.value());
    MapScene *scene = w->m_map->scene();
    scene->setItemIndexMethod(QGraphicsScene::BspTreeIndex); // painted and hit-tested by a view
    for (const auto &entry : scene->nodeItems()) // a view of two versions: nothing to edit
        entry.second->setFlag(QGraphicsItem::ItemIsMovable, false);

    w->setWindowTitle(tr("Changes from %1 to %2").arg(beforeName, after.name));
    auto *splitter = new QSplitter(w.get());
    w->m_changes = new QListWidget(splitter);
    w->m_changes->setObjectName(QStringLiteral("changes"));
    w->m_view = new MapView(splitter);
    w->m_view->setMapScene(scene);
    splitter->addWidget(w->m_changes);
    splitter->addWidget(w->m_view);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({ 420, 780 });
    w->m_changes->setWordWrap(true);
    w->setCentralWidget(splitter);

    // Each entry points at what it is about: a node, an edge, or the node of a test case
    // or check (either version).
    QHash<Id, Id> nodeOfCase;
    QHash<Id, Id> caseOfCheck;
    for (const Project *p : { &before, &after })
        for (const TestCase &t : p->testCases) {
            nodeOfCase.insert(t.id, t.nodeId);
            for (const Check &c : t.checks)
                caseOfCheck.insert(c.id, t.id);
        }
    if (w->m_diff.isEmpty())
        w->m_changes->addItem(tr("No differences"));
    for (const ProjectDiff::Entry &e : w->m_diff.entries) {
        const QString sign = e.change == ProjectDiff::Change::Added ? QStringLiteral("+")
            : e.change == ProjectDiff::Change::Removed              ? QStringLiteral("−")
                                                                    : QStringLiteral("~");
        QString text = sign + QLatin1Char(' ') + e.label;
        for (const QString &field : e.fields)
            text += QStringLiteral("\n    ") + field;
        w->m_changes->addItem(text);
        switch (e.entity) {
        case ProjectDiff::Entity::Node:
            w->m_targets.append({ e.id, false });
            break;
        case ProjectDiff::Entity::Edge:
            w->m_targets.append({ e.id, true });
            break;
        case ProjectDiff::Entity::TestCase:
            w->m_targets.append({ nodeOfCase.value(e.id), false });
            break;
        case ProjectDiff::Entity::Check:
            w->m_targets.append({ nodeOfCase.value(caseOfCheck.value(e.id)), false });
            break;
        case ProjectDiff::Entity::Flow:
            w->m_targets.append({ Id(), false });
            break;
        }
    }
    CompareWindow *raw = w.get();
    connect(w->m_changes, &QListWidget::currentRowChanged, raw, &CompareWindow::showEntry);
    w->resize(1200, 760);
    return w.release();
}

void CompareWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (!m_fitted) { // once the view has its size
        m_fitted = true;
        m_view->fitToContent();
    }
}

void CompareWindow::showEntry(int row)
{
    if (row < 0 || row >= m_targets.size() || m_targets.at(row).first.isEmpty())
        return;
    MapScene *scene = m_map->scene();
    const auto &[id, isEdge] = m_targets.at(row);
    QGraphicsItem *item = isEdge ? static_cast<QGraphicsItem *>(scene->edgeItem(id)) : scene->nodeItem(id);
    if (!item)
        return;
    scene->clearSelection();
    item->setSelected(true);
    // At 100 %, centred: the card readable, whatever the zoom was.
    m_view->setZoom(qMax(1.0, m_view->zoom()), item->sceneBoundingRect().center());
    m_view->centerOn(item);
}

CompareWithAction::CompareWithAction(QWidget *window, std::function<ProjectDocument *()> document)
    : QObject(window)
    , m_window(window)
    , m_document(std::move(document))
    , m_action(new QAction(tr("Compare &with…"), this))
{
    m_action->setObjectName(QStringLiteral("actionCompareWith"));
    m_action->setStatusTip(tr("Show what changed from another version of this project (a project file or "
                              "canonical JSON) on one map, with the list of changes"));
    connect(m_action, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(m_window, tr("Compare with"), QString(),
            tr("Flowbench projects (*.flowbench *.json);;All files (*)"));
        if (path.isEmpty())
            return;
        const Result<CompareWindow *> window = compareWith(path);
        if (!window)
            QMessageBox::warning(m_window, tr("Compare with"), window.error());
        else
            window.value()->show();
    });
}

Result<CompareWindow *> CompareWithAction::compareWith(const QString &path)
{
    ProjectDocument *document = m_document();
    if (!document)
        return Result<CompareWindow *>::failure(tr("No project is open."));
    const Result<Project> before = readProjectFile(path);
    if (!before)
        return Result<CompareWindow *>::failure(before.error());
    Project after = document->snapshot();
    if (after.name.isEmpty())
        after.name = document->projectName();
    return CompareWindow::create(before.value(), QFileInfo(path).fileName(), after, m_window);
}

} // namespace flowbench
