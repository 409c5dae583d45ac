#pragma once

#include "model/project.h"

#include <QStringList>

namespace flowbench {

// Everything `flowbench-cli validate` and `flowbench-cli import` refuse, in one place, so
// that both refuse the same projects with the same messages:
// - the model's invariants (validateProject: ids, references, risks, eventually bounds);
// - what a project file never holds (a password written into a connection instead of a
//   ${env:...}/${keychain:...} reference);
// - every check against its type (CheckRegistry::validate: spec fields, timeouts, the
//   assertion kinds and ops and capture sources the type knows, JSON paths, jq programs,
//   regexes, Redis commands), and the connections no environment defines.
// One message per problem, naming its place: the path into the canonical JSON (in export
// order), and for a check its test case, step and type:
//   testCases[0].checks[1] (test case "Login" step 2, http): spec.timeout_ms: must be ...
QStringList projectProblems(const Project &project);

// Fault and proxy targets that name no node or edge of the map (part of projectProblems).
QStringList faultTargetProblems(const Project &project);

// The place of a check in messages: testCases[i].checks[k] (test case "T" step k+1, type).
QString checkPlace(const Project &project, int testCaseIndex, int checkIndex);
// testCases[i].cleanup[k] (test case "T" cleanup step k+1, type).
QString cleanupPlace(const Project &project, int testCaseIndex, int cleanupIndex);

} // namespace flowbench
