#pragma once

#include <QString>

namespace flowbench {

// The reference part of docs/checks.md, written from the registered check types'
// vocabularies (spec fields, assertion kinds with their ops, capture sources) and the
// ops AssertionEvaluator implements: Markdown, stable from run to run. tests/checks/
// tst_checkdocs holds docs/checks.md to it, so the documentation cannot drift from core.
QString checkReferenceMarkdown();

} // namespace flowbench
