#pragma once

#include "io/exporter.h"
#include "io/importer.h"

#include <QStringList>
#include <memory>
#include <vector>

namespace flowbench {

// The importers and exporters this program knows, in the order menus and help list
// them. Registration lines live in formatregistry.cpp.
class FormatRegistry
{
public:
    static const FormatRegistry &instance();
    // Adds an exporter that lives outside core (the map images of the ui library, which
    // need QtWidgets). Call at start-up, before the registry is read from other threads.
    static void addExporter(std::unique_ptr<Exporter> exporter);

    const Importer *importer(const QString &id) const; // nullptr if unknown
    const Exporter *exporter(const QString &id) const;
    QList<const Importer *> importers() const;
    QList<const Exporter *> exporters() const;
    QStringList importerIds() const;
    QStringList exporterIds() const;
    // The importer whose file patterns match the file name, else nullptr.
    const Importer *importerForFile(const QString &fileName) const;

private:
    FormatRegistry();
    std::vector<std::unique_ptr<Importer>> m_importers;
    std::vector<std::unique_ptr<Exporter>> m_exporters;
};

} // namespace flowbench
