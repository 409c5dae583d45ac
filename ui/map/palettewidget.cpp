#include "map/palettewidget.h"

#include "map/mapstyle.h"

#include <QMimeData>

namespace flowbench {

PaletteWidget::PaletteWidget(QWidget *parent)
    : QListWidget(parent)
{
    setObjectName(QStringLiteral("palette"));
    setDragEnabled(true);
    setDragDropMode(DragOnly);
    setIconSize(QSize(28, 28));
    // A toolbox: icons over their names, one column a third as wide as a list of them,
    // so the map keeps the width (a list was 150 px with "External system" cut off).
    setViewMode(IconMode);
    setMovement(Static);
    setFlow(TopToBottom);
    setWrapping(false);
    setWordWrap(true);
    setTextElideMode(Qt::ElideNone);
    setGridSize(QSize(kToolboxWidth - 4, 62));
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setUniformItemSizes(true);
    setFrameShape(QFrame::NoFrame);
    setMinimumWidth(kToolboxWidth);
    for (NodeKind kind : allNodeKinds()) {
        auto *item = new QListWidgetItem(MapStyle::kindIcon(kind), MapStyle::kindLabel(kind), this);
        item->setData(Qt::UserRole, toString(kind));
        item->setToolTip(tr("Click to add a %1 in the middle of the map, or drag it onto the map")
                             .arg(MapStyle::kindLabel(kind).toLower()));
    }
    connect(this, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        if (auto kind = nodeKindFromString(item->data(Qt::UserRole).toString()))
            emit kindActivated(*kind);
        clearSelection();
    });
}

QString PaletteWidget::kindMimeType()
{
    return QStringLiteral("application/x-flowbench-node-kind");
}

QStringList PaletteWidget::mimeTypes() const
{
    return { kindMimeType() };
}

QMimeData *PaletteWidget::mimeData(const QList<QListWidgetItem *> &items) const
{
    if (items.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(kindMimeType(), items.first()->data(Qt::UserRole).toString().toUtf8());
    return data;
}

} // namespace flowbench
