#pragma once

#include "io/exporter.h"

namespace flowbench {

// The latest result of every check as CSV (RFC 4180: comma-separated, CRLF line ends, a
// field with a comma, quote or line break in double quotes with its quotes doubled; one
// that a spreadsheet would take for a formula starts with an apostrophe), one
// row per check: node, test case, check, status, duration_ms, message. Rows in map order:
// by node name, then the test case's place on its node, then the step. Results of checks
// the project no longer has are left out, as on the map.
class CsvResultsExporter : public Exporter
{
public:
    QString id() const override { return QStringLiteral("csv"); }
    QString displayName() const override { return QStringLiteral("CSV of the latest results"); }
    QStringList filePatterns() const override { return { QStringLiteral("*.csv") }; }
    QString description() const override
    {
        return QStringLiteral("the latest result of every check, one row each, for spreadsheets");
    }
    bool needsResults() const override { return true; }
    Result<QByteArray> write(const Project &project, const ExportOptions &options) const override;

    // One field as RFC 4180 writes it.
    static QByteArray field(const QString &text);
};

} // namespace flowbench
