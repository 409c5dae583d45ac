#pragma once

#include <QByteArray>

namespace flowbench {

struct Project;

// The project's map as DOT text (UTF-8): a digraph with LR rank direction, every group a
// `subgraph "cluster_N"` labelled with the group name, node ids quoted names (a repeated
// name falls back to the node's UUID with the name as label; no two nodes share an id), node attributes id,
// kind, shape (for other viewers), risk ("likelihood/impact"), owner, description; edge attributes id, kind,
// label. Nodes and edges keep project order, so the same project always gives the same text.
QByteArray exportDot(const Project &project);

// DOT's quoted string for `text`: backslashes, quotes and line breaks escaped the way
// Graphviz labels read them (\\\\, \\", \\n); everything else, carriage returns too, as is.
QByteArray dotQuoted(const QString &text);

} // namespace flowbench
