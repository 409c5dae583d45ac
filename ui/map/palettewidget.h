#pragma once

#include "model/node.h"

#include <QListWidget>

namespace flowbench {

// The eight node kinds: click one to add it in the middle of the map, or drag it onto
// the map to add it where it is dropped.
class PaletteWidget : public QListWidget
{
    Q_OBJECT
public:
    static constexpr int kToolboxWidth = 88; // one column of icons with their names below

    explicit PaletteWidget(QWidget *parent = nullptr);
    static QString kindMimeType();

signals:
    void kindActivated(flowbench::NodeKind kind);

protected:
    QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override;
    QStringList mimeTypes() const override;
};

} // namespace flowbench
