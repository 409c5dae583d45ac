#pragma once

#include "map/export/mapimage.h"

#include <QTemporaryDir>
#include <memory>

namespace flowbench {

class MapOverlay;
class MapScene;
class ProjectDocument;

// A project's map drawn without a window: the project copied into a scratch document
// (the scene reads a ProjectDocument), the scene and the overlay of the options filled
// from the project's latest results, a flow highlighted by name. What `flowbench-cli
// export --format svg|png|pdf` and the HTML report draw.
class ProjectMap
{
public:
    static Result<std::unique_ptr<ProjectMap>> build(const Project &project, const MapImageOptions &options);
    ~ProjectMap();

    MapScene *scene() const { return m_scene.get(); }
    ProjectDocument *document() const { return m_document.get(); }

private:
    ProjectMap() = default;

    QTemporaryDir m_dir;
    std::unique_ptr<ProjectDocument> m_document;
    std::unique_ptr<MapScene> m_scene;
};

} // namespace flowbench
