#pragma once

#include "layout/layoutresult.h"
#include "model/project.h"

#include <QString>

namespace flowbench::bench {

struct SceneFigures
{
    double buildMs = -1;      // project file written and opened, MapScene built
    double firstFrameMs = -1; // the first frame of the whole map fitted in 1600x1000
    double frameMs = -1;      // a repaint of that frame
    QString error;
};

// The laid-out map as the GUI shows it: nodes placed where `layout` put them, written to
// a project file in `dir`, opened, turned into a scene and painted in a fitted view.
SceneFigures measureScene(const Project &project, const LayoutResult &layout, const QString &dir);

} // namespace flowbench::bench
