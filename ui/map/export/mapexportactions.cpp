#include "map/export/mapexportactions.h"

#include "files/outputfile.h"
#include "map/mapscene.h"
#include "map/mapview.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QPrintDialog>
#include <QPrinter>

namespace flowbench {

MapExportActions::MapExportActions(QWidget *window, MapView *view)
    : QObject(window)
    , m_window(window)
    , m_view(view)
    , m_export(new QAction(tr("&Map…"), this))
    , m_print(new QAction(tr("&Print…"), this))
{
    m_export->setObjectName(QStringLiteral("actionExportMap"));
    m_export->setStatusTip(tr("Save the map as shown, with its legend, as SVG, PNG or PDF"));
    m_print->setObjectName(QStringLiteral("actionPrint"));
    m_print->setShortcut(QKeySequence::Print);
    m_print->setStatusTip(tr("Print the map as shown, with its legend"));
    connect(m_export, &QAction::triggered, this, &MapExportActions::exportDialog);
    connect(m_print, &QAction::triggered, this, &MapExportActions::printDialog);
}

MapImageOptions MapExportActions::options(MapImageOptions::Scope scope) const
{
    MapImageOptions o;
    o.scope = scope;
    o.visibleRect = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    return o;
}

Status MapExportActions::exportMap(const QString &path, const MapImageOptions &options)
{
    MapScene *scene = m_view->mapScene();
    if (!scene)
        return Status::failure(tr("No project is open."));
    const Result<QByteArray> bytes = mapFile(scene, options);
    if (!bytes)
        return Status::failure(QStringLiteral("%1: %2").arg(path, bytes.error()));
    return writeOutput(path, bytes.value());
}

Status MapExportActions::print(QPrinter *printer, const MapImageOptions &options)
{
    MapScene *scene = m_view->mapScene();
    if (!scene)
        return Status::failure(tr("No project is open."));
    if (mapSourceRect(scene, options).isEmpty())
        return Status::failure(tr("Nothing to print: the map or the selection is empty."));
    QPainter painter;
    if (!painter.begin(printer))
        return Status::failure(tr("The printer could not be started."));
    const QSizeF page = mapPageSize(scene, options);
    const QRectF area = printer->pageLayout().paintRectPixels(printer->resolution());
    // Page units are screen pixels at 100 %; a printer has its own resolution.
    const double fit = qMin(area.width() / page.width(), area.height() / page.height());
    const double scale = qMin(fit, printer->resolution() / 96.0);
    painter.scale(scale, scale);
    paintMapPage(&painter, scene, options);
    return painter.end() ? success() : Status::failure(tr("The printer stopped."));
}

namespace {

// Scope, PNG scale and legend: what the file and print dialogs cannot ask.
struct ExportChoices
{
    MapImageOptions::Scope scope = MapImageOptions::Scope::Whole;
    double scale = 1.0;
    bool legend = true;
};

enum class Asking { Svg, Png, Pdf, Print };

std::optional<ExportChoices> askChoices(QWidget *parent, Asking asking, bool hasSelection)
{
    QDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("mapExportChoices"));
    dialog.setWindowTitle(asking == Asking::Print ? QObject::tr("Print Map") : QObject::tr("Export Map"));
    auto *form = new QFormLayout(&dialog);
    auto *scope = new QComboBox;
    scope->setObjectName(QStringLiteral("scope"));
    scope->addItem(QObject::tr("The whole map"), int(MapImageOptions::Scope::Whole));
    scope->addItem(QObject::tr("The visible area"), int(MapImageOptions::Scope::Visible));
    if (hasSelection) // nothing selected: not offered, as it would be an empty image
        scope->addItem(QObject::tr("The selection"), int(MapImageOptions::Scope::Selection));
    form->addRow(QObject::tr("&Show:"), scope);
    QDoubleSpinBox *scale = nullptr; // a page has its own resolution
    if (asking != Asking::Print) {
        scale = new QDoubleSpinBox;
        scale->setObjectName(QStringLiteral("scale"));
        scale->setRange(0.5, 4);
        scale->setSingleStep(0.5);
        scale->setValue(asking == Asking::Png ? 2 : 1);
        scale->setSuffix(QStringLiteral(" ×"));
        scale->setEnabled(asking == Asking::Png);
        form->addRow(QObject::tr("PNG &scale:"), scale);
    }
    auto *legend = new QCheckBox(QObject::tr("Include the &legend"));
    legend->setObjectName(QStringLiteral("legend"));
    legend->setChecked(true);
    form->addRow(legend);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return ExportChoices { MapImageOptions::Scope(scope->currentData().toInt()), scale ? scale->value() : 1.0,
        legend->isChecked() };
}

} // namespace

void MapExportActions::exportDialog()
{
    if (!m_view->mapScene())
        return;
    QString filter;
    QString path = QFileDialog::getSaveFileName(m_window, tr("Export Map"), QString(),
        tr("SVG image (*.svg);;PNG image (*.png);;PDF document (*.pdf)"), &filter);
    if (path.isEmpty())
        return;
    std::optional<MapImageOptions::Format> format = mapImageFormat(QFileInfo(path).suffix());
    if (!format) { // no or another suffix: the chosen filter decides
        format = filter.contains(QLatin1String("*.png")) ? MapImageOptions::Format::Png
            : filter.contains(QLatin1String("*.pdf"))    ? MapImageOptions::Format::Pdf
                                                         : MapImageOptions::Format::Svg;
        path += QLatin1Char('.') + mapImageSuffix(*format);
    }
    const Asking asking = *format == MapImageOptions::Format::Png ? Asking::Png
        : *format == MapImageOptions::Format::Pdf                 ? Asking::Pdf
                                                                  : Asking::Svg;
    const std::optional<ExportChoices> choices
        = askChoices(m_window, asking, !m_view->mapScene()->selectedItems().isEmpty());
    if (!choices)
        return;
    MapImageOptions o = options(choices->scope);
    o.format = *format;
    o.scale = choices->scale;
    o.legend = choices->legend;
    Status written;
    {
        QApplication::setOverrideCursor(Qt::WaitCursor);
        written = exportMap(path, o);
        QApplication::restoreOverrideCursor();
    }
    if (!written) {
        QMessageBox::warning(m_window, tr("Export Map"), written.error());
        return;
    }
    const QString file = QDir::toNativeSeparators(path);
    const double used
        = o.format == MapImageOptions::Format::Png ? mapPngScale(m_view->mapScene(), o) : o.scale;
    if (used > 0 && used < o.scale)
        emit statusMessage(tr("Saved the map to %1 at scale %2, not %3: the image would have passed "
                              "%4 million pixels")
                               .arg(file, QLocale().toString(used, 'f', 2), QLocale().toString(o.scale))
                               .arg(kMapPngMaxPixels / 1e6),
            0);
    else
        emit statusMessage(tr("Saved the map to %1").arg(file), 6000);
}

void MapExportActions::printDialog()
{
    if (!m_view->mapScene())
        return;
    // The print dialog knows only all pages or the selection: the scope (also the
    // visible area) and the legend are asked first, as for an export.
    const std::optional<ExportChoices> choices
        = askChoices(m_window, Asking::Print, !m_view->mapScene()->selectedItems().isEmpty());
    if (!choices)
        return;
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageOrientation(QPageLayout::Landscape);
    QPrintDialog dialog(&printer, m_window);
    dialog.setWindowTitle(tr("Print Map"));
    if (dialog.exec() != QDialog::Accepted)
        return;
    MapImageOptions o = options(choices->scope);
    o.legend = choices->legend;
    if (const Status s = print(&printer, o); !s)
        QMessageBox::warning(m_window, tr("Print Map"), s.error());
}

} // namespace flowbench
