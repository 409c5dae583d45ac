#pragma once

#include <QString>

namespace flowbench {

// Cuts evidence to at most maxBytes of UTF-8 (never inside a character) and says so.
QString truncateEvidence(const QString &evidence, int maxBytes);

} // namespace flowbench
