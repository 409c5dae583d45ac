#pragma once

#include "io/fileformat.h"
#include "model/project.h"
#include "result.h"

#include <QByteArray>
#include <functional>

namespace flowbench {

struct ExportOptions
{
    bool includeRunHistory = false; // formats that can carry runs and results write them
    // Map images (svg, png, pdf; registered by the ui library): the overlay ("results",
    // "coverage", "impact" or empty), the flow to highlight and the node whose impact is
    // shown, by name, and the PNG scale.
    QString overlay;
    QString flow;
    QString node;
    double scale = 1.0;
    // Told what a person should know of an export that still succeeds (a PNG scale
    // lowered to stay under the pixel cap); may be empty.
    std::function<void(const QString &note)> note;
};

// Writes a project in one file format. A new exporter is one file pair implementing this
// and one line in formatregistry.cpp.
class Exporter : public FileFormat
{
public:
    // Whether write() reads `project.runs` and `project.results` even without
    // includeRunHistory (a results export): callers then load the run history.
    virtual bool needsResults() const { return false; }
    // The whole file, or a message for a person saying why not.
    virtual Result<QByteArray> write(const Project &project, const ExportOptions &options) const = 0;
};

} // namespace flowbench
