#pragma once

#include "io/importer.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace flowbench {

// What re-importing a newer collection or spec into a project that holds an earlier
// import will do, before it is done: every node, edge, test case, check and environment
// the file describes or no longer describes, matched by identity (ids the importers keep
// stable by source: "postman:<item id>", "openapi:GET /pets/{id}"), as added, changed
// (with the fields and their old and new values), removed or untouched. The GUI shows it
// in a dialog, `flowbench-cli import --into` prints it; both apply changes() as one step.
class ReimportPlan
{
public:
    enum class Entity { Node, Edge, TestCase, Check, Environment };
    enum class Change { Added, Changed, Removed, Untouched };
    // What becomes of what the file no longer has: kept and marked for review (the
    // default: a person decides), or deleted with what hangs on it.
    enum class Removed { KeepForReview, Delete };

    struct Row
    {
        Entity entity;
        Change change;
        Id id;
        QString name; // "GET /pets/{id}", "Health check", a check's name
        QString parent; // a check's test case title; empty otherwise
        QStringList fields; // Changed: "title: \"Health\" → \"Health check\"", "assertions: +1"
    };

    // `import` was read against `target` (Importer::read). Fields a person owns are kept
    // as the importers keep them; a review note a person cleared stays cleared while the
    // source's steps are the same.
    static ReimportPlan between(const Project &target, const Import &import);

    const QList<Row> &rows() const { return m_rows; }
    int count(Entity entity, Change change) const;
    bool hasRemoved() const;
    // True when nothing would change (with removed items kept and already marked).
    bool isEmpty(Removed removed = Removed::KeepForReview) const;
    // The change set to apply: the import's own, plus the removed items deleted or their
    // test cases marked for review.
    ProjectChangeSet changes(Removed removed) const;

    // "nodes: 1 added, 2 changed, 0 removed, 5 untouched", one line per entity.
    QStringList summary() const;
    // The summary, then one line per added, changed or removed item ("+", "~", "-") with
    // its changed fields indented below it.
    QString toText(Removed removed) const;
    QJsonObject toJson() const;

    static QString entityName(Entity entity, int n); // "test case" / "test cases"
    static QString changeName(Change change); // "added", "changed", "removed", "untouched"

private:
    ProjectChangeSet m_changes; // the import's, after the review-note rule
    Project m_removed; // what the file no longer has (whole entities)
    QString m_source;
    QList<Row> m_rows;
};

} // namespace flowbench
