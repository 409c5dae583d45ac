#pragma once

#include "model/edge.h"
#include "model/node.h"
#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace flowbench {

// An attribute the file sets that Flowbench does not read (colour, style...).
struct DotIgnoredAttribute
{
    QString object; // "node" or "edge"
    QString name;
    int count = 0; // how many nodes or edges set it
};

// Which of a node's fields the file itself sets (the rest are defaults), so that a node
// merged into an existing one replaces only those.
struct DotNodeFields
{
    bool kind = false; // a `kind` attribute, or a shape that names a kind
    bool risk = false;
    bool owner = false;
    bool description = false;
};

struct DotImport
{
    QList<Node> nodes;
    QList<DotNodeFields> given; // per node, same order
    bool hasClusters = false; // groups come from clusters; without any, none were said
    QList<Edge> edges;
    QList<DotIgnoredAttribute> ignored; // in the order the file declares them
};

// Reads the first graph of `text` with Graphviz (agmemread) into nodes and edges.
// Node name: its `label` when set, else its DOT id; Graphviz's escapes read as Graphviz
// shows them (\\ backslash, \n line break, \N the DOT id). Kind: the `kind`
// attribute, else from the shape (cylinder -> table, cds -> queue...), else service.
// Group: the innermost cluster's label (or its name without "cluster"). Attributes we do
// not know are ignored (and listed in `ignored`); a bad value of one we know (kind, risk) fails the whole
// import, naming the node. Ids come from `id` attributes that are UUIDs, else fresh ones. `sourceName` (a
// file name) starts every error message.
Result<DotImport> importDot(const QByteArray &text, const QString &sourceName);

} // namespace flowbench
