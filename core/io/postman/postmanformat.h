#pragma once

#include "io/importer.h"

namespace flowbench {

// Postman Collection v2.0 / v2.1 with its environment and globals files (companion files).
// Requests become http checks: an `api` node per method + path template under a
// `service` node per base URL; folders become groups; requests chained through
// variables become the steps of one test case; pm.test scripts become assertions and
// captures, untranslated lines are kept in the test case's review note. Secrets become
// ${env:NAME} references, listed in the report. Ids are derived from the collection's
// item ids, so importing a newer collection into the same project merges.
class PostmanImporter : public Importer
{
public:
    QString id() const override { return QStringLiteral("postman"); }
    QString displayName() const override { return QStringLiteral("Postman Collection"); }
    QStringList filePatterns() const override { return { QStringLiteral("*.postman_collection.json") }; }
    QString description() const override
    {
        return QStringLiteral(
            "a Postman Collection v2.0/v2.1 (--environment FILE for environments and globals)");
    }
    Result<Import> read(const ImportSource &source, const Project &target) const override;
    QString companionFilesPrompt() const override
    {
        return QStringLiteral("Postman environment and globals files (optional)");
    }
};

} // namespace flowbench
