#pragma once

#include "map/export/mapimage.h"

#include <QObject>

class QAction;
class QPrinter;
class QWidget;

namespace flowbench {

class MapView;

// File ▸ Export ▸ Map… and File ▸ Print…: the map as shown in the view (overlay, flow
// highlight), the whole of it, the visible area or the selection, with the legend.
// The dialogs ask; exportMap() and print() do the work and are what tests call.
class MapExportActions : public QObject
{
    Q_OBJECT
public:
    MapExportActions(QWidget *window, MapView *view);

    QAction *exportAction() const { return m_export; }
    QAction *printAction() const { return m_print; }

    // The options for `scope` in the view as it is now (visible area, overlay as shown).
    MapImageOptions options(MapImageOptions::Scope scope) const;
    // Writes the image to `path` whole, through a temporary file.
    Status exportMap(const QString &path, const MapImageOptions &options);
    // One page, the map scaled to fit it (never enlarged past 100 %).
    Status print(QPrinter *printer, const MapImageOptions &options);

signals:
    // After an export: where it went, and the PNG scale when the pixel cap lowered it.
    void statusMessage(const QString &message, int timeoutMs);

private:
    void exportDialog();
    void printDialog();

    QWidget *m_window;
    MapView *m_view;
    QAction *m_export;
    QAction *m_print;
};

} // namespace flowbench
