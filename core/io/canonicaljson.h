#pragma once

#include "model/project.h"
#include "result.h"

#include <QByteArray>
#include <QString>

namespace flowbench {

// The canonical JSON form of a project, made for review and diff in git:
// {"format": "flowbench", "formatVersion": 1, "name", "nodes", "edges", "flows",
//  "testCases", "environments", "comments" [, "runs", "results"]}.
// Keys come in a fixed order, entities sorted by id (runs by start time), flow paths and
// checks in their order, free-form objects (node properties, check specs) with sorted
// keys; 4-space indent and a trailing newline. Two exports of the same project are
// byte-identical and export -> import -> export changes nothing.
// An edge a layout routed carries "route": {"fromPosition": [x, y], "toPosition": [x, y],
// "points": [[x, y], ...]} (store/routejson.h); it is left out when the edge has none, so
// the field is optional and older files read unchanged.
// Likewise only when non-empty: a test case's "faults" ([{"on": id, Toxiproxy toxic}]), an
// environment's "proxies" ([{"for", "listen", "upstream"}]) and a result's "faults" text
// (store/faultjson.h). A sharded run's "shardCount" and "shardsIn" ([1, 2]) only when it
// is sharded.
constexpr int kCanonicalJsonFormatVersion = 1;

struct JsonExportOptions
{
    bool includeRunHistory = false; // runs and their results
};

QByteArray toCanonicalJson(const Project &project, JsonExportOptions options = {});

// Either a whole valid Project (it passed validateProject) or an error naming the file and
// then the line and column of a syntax error ("shop.json:12:5: ...") or the path of each
// bad field, one per line ("shop.json: nodes[3].kind: unknown kind \"servise\" ...").
Result<Project> fromCanonicalJson(const QByteArray &data, const QString &fileName);

// Puts every list in the order toCanonicalJson writes it, so that
// fromCanonicalJson(toCanonicalJson(p)) == sortedCanonically(p).
Project sortedCanonically(Project project);

} // namespace flowbench
