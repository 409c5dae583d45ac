#pragma once

#include "model/run.h"

#include <QColor>
#include <QString>

namespace flowbench {

// The colours and glyphs of results and of a project diff, in one place for the map
// (ui/map/mapstyle), the exported images and the HTML report (core/io/htmlreport), which
// cannot read the ui library. Okabe-Ito hues, told apart with colour-blindness too, and
// always with a glyph beside them, so no state is told by colour alone.
namespace ResultPalette {

constexpr QRgb kPass = 0xff0072b2; // Okabe-Ito blue
constexpr QRgb kFail = 0xffd55e00; // vermillion
constexpr QRgb kError = 0xffcc79a7; // reddish purple
constexpr QRgb kNotRun = 0xff94a3b8; // slate grey: no result yet, or skipped

// A diff of two versions of a project: added, removed, changed.
constexpr QRgb kAdded = 0xff009e73; // bluish green
constexpr QRgb kRemoved = 0xffd55e00; // vermillion
constexpr QRgb kChanged = 0xffe69f00; // orange ("amber")

// A diff of two runs, node by node, in the same hues: got worse, got better, still bad.
constexpr QRgb kNewFailure = kFail; // vermillion
constexpr QRgb kFixed = kAdded; // bluish green
constexpr QRgb kStillFailing = kChanged; // amber
constexpr QRgb kUnchangedRun = kNotRun; // slate grey

inline QRgb statusColor(ResultStatus status)
{
    switch (status) {
    case ResultStatus::Pass:
        return kPass;
    case ResultStatus::Fail:
        return kFail;
    case ResultStatus::Error:
        return kError;
    case ResultStatus::Skipped:
        break;
    }
    return kNotRun;
}

inline QString statusGlyph(ResultStatus status)
{
    switch (status) {
    case ResultStatus::Pass:
        return QStringLiteral("✓");
    case ResultStatus::Fail:
        return QStringLiteral("✗");
    case ResultStatus::Error:
        return QStringLiteral("!");
    case ResultStatus::Skipped:
        break;
    }
    return QStringLiteral("–");
}

// "#0072b2", for CSS.
inline QString cssColor(QRgb rgb)
{
    return QColor::fromRgb(rgb).name();
}

} // namespace ResultPalette

} // namespace flowbench
