#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace flowbench {

// One thing an import did not take, or took differently, and where it was.
struct ImportNote
{
    QString file;
    int line = 0; // 1-based; 0 when the format does not say
    QString field; // the entity or field ("node \"Orders\"", "runs"); may be empty
    QString text; // for a person: what was left out and why

    // "shop.dot:12: node \"Orders\": attribute \"color\" ignored"
    QString toString() const;
    bool operator==(const ImportNote &o) const
    {
        return file == o.file && line == o.line && field == o.field && text == o.text;
    }
};

// What an import took and what it did not: shown after every import, so that nothing is
// dropped silently.
struct ImportReport
{
    QString source; // the file read
    QStringList taken; // "added 12 nodes, 14 edges", "changed 1 node"
    QList<ImportNote> notTaken; // each with its place
    // What the import creates or changes, by what it is: "nodes", "test_cases", "checks",
    // "assertions", "captures", "variables" (summarizeImport fills it).
    QMap<QString, int> counts;

    void leaveOut(int line, const QString &field, const QString &text)
    {
        notTaken.append(ImportNote { source, line, field, text });
    }
    // Several lines: "Imported <source>:", the taken lines, then "Not taken:" and the notes.
    QString toText() const;
    // {"source", "counts": {...}, "taken": [...], "not_taken": [{"file","line","field","text"}]}
    // for `flowbench-cli import --report FILE`.
    QJsonObject toJson() const;
};

} // namespace flowbench
