#pragma once

#include "io/exporter.h"
#include "io/importer.h"

namespace flowbench {

// Graphviz DOT carries the map only: nodes (name, kind, group, risk, owner, description)
// and edges (kind, label). Reading goes through importDot (agmemread), writing through
// exportDot; this is their place in the format registry.
class DotImporter : public Importer
{
public:
    QString id() const override { return QStringLiteral("dot"); }
    QString displayName() const override { return QStringLiteral("Graphviz DOT"); }
    QStringList filePatterns() const override { return { QStringLiteral("*.dot"), QStringLiteral("*.gv") }; }
    QString description() const override
    {
        return QStringLiteral("nodes, edges and clusters of a Graphviz graph");
    }
    // A node the target already has (by its `id` attribute, else by a name only one
    // target node has) keeps what the file does not say (properties, position, test
    // cases; kind, risk, owner, description left unset; its group when the file has no
    // clusters); an edge likewise (by id, else by its ends and kind) keeps its route.
    Result<Import> read(const ImportSource &source, const Project &target) const override;
};

class DotExporter : public Exporter
{
public:
    QString id() const override { return QStringLiteral("dot"); }
    QString displayName() const override { return QStringLiteral("Graphviz DOT"); }
    QStringList filePatterns() const override { return { QStringLiteral("*.dot"), QStringLiteral("*.gv") }; }
    QString description() const override { return QStringLiteral("the map as a Graphviz graph"); }
    Result<QByteArray> write(const Project &project, const ExportOptions &options) const override;
};

} // namespace flowbench
