#pragma once

#include "model/edge.h"
#include "model/node.h"
#include "result.h"

#include <QByteArray>
#include <QList>
#include <QSizeF>
#include <QString>

namespace flowbench {

struct DotImport
{
    QList<Node> nodes;
    QList<Edge> edges;
};

// The size the map draws a card (ui/mapstyle.h: MapStyle::kNodeWidth, kNodeHeight): a
// position read from DOT is the card's centre.
inline constexpr QSizeF kDotImportCardSize(200, 60);

// Reads the first graph of `text` with Graphviz (agmemread) into nodes and edges.
// Node name: its `label` when set, else its DOT id; Graphviz's escapes read as Graphviz
// shows them (\\ backslash, \n line break, \N the DOT id). Labels come as plain text:
// an HTML-like label (label=<<b>Orders</b> API>) as its text ("Orders API"; <br/> and table
// rows break lines, cells are apart by a space), a record label (shape=record or Mrecord,
// "{Orders|<id> id|status}") as its fields' texts without ports ("Orders | id | status").
// Kind: the `kind` attribute, else from the shape (cylinder -> table, cds -> queue...),
// else service. Group: the innermost cluster's own label; a cluster without one (also
// when it would only inherit its parent's) is named after its subgraph name without the
// "cluster" prefix ("cluster_auth" -> "auth").
// Position: a laid-out file's `pos="x,y"` (points, y up; "x,y!" and "x,y,z" too) is the
// centre of a card of `cardSize`; it becomes a top-left in Qt's y-down scene, moved so the
// placed cards start at (0, 0), and the node is pinned so a layout keeps it there. Nodes
// without `pos` are left at (0, 0), unpinned, for the next layout to place.
// Attributes we do not know are ignored; a bad value of one we know (kind, risk, pos)
// fails the whole import, naming the node, as does a node with neither a name nor a
// label (DOT id ""). Ids come from `id` attributes that are
// UUIDs, else fresh ones. `sourceName` (a file name) starts every error message.
Result<DotImport> importDot(
    const QByteArray &text, const QString &sourceName, QSizeF cardSize = kDotImportCardSize);

} // namespace flowbench
