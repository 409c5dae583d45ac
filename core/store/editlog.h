#pragma once

#include "model/comment.h"
#include "model/edge.h"
#include "model/environment.h"
#include "model/flow.h"
#include "model/node.h"
#include "model/testcase.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace flowbench {

// One line of a project's history (the edit_log table, schema 10): who added, changed
// or removed what, when. Written by ProjectStore in the transaction of the edit itself,
// so history and content never disagree. History, not content: no export carries it.
struct EditLogEntry
{
    enum class Change { Added, Changed, Removed };

    qint64 id = 0;
    QDateTime at;
    QString author;
    QString entityKind; // "node", "edge", "flow", "test case", "environment", "comment"
    Id entityId;
    QString entityName; // the name or title at the time
    Id nodeId; // the node an edge, test case or comment belongs to; empty otherwise
    Change change = Change::Changed;
    QString field; // "name", "title"...; empty when added or removed
    QString oldValue;
    QString newValue;

    // "Title: 'A' → 'B'", "added", "removed"
    QString summary() const;
};

QString toString(EditLogEntry::Change change); // "added", "changed", "removed"
std::optional<EditLogEntry::Change> editChangeFromString(const QString &text);

// What differs between two versions of an item, one entry per field (without time and
// author). Layout (positions, routes) is not history. A variable that holds a secret
// reference or whose name says it is a secret (password, token, key...) is logged as
// "changed" without its values.
QList<EditLogEntry> fieldChanges(const Node &before, const Node &after);
QList<EditLogEntry> fieldChanges(const Edge &before, const Edge &after);
QList<EditLogEntry> fieldChanges(const Flow &before, const Flow &after);
QList<EditLogEntry> fieldChanges(const TestCase &before, const TestCase &after);
QList<EditLogEntry> fieldChanges(const Environment &before, const Environment &after);
QList<EditLogEntry> fieldChanges(const Comment &before, const Comment &after);

// Whether a variable's value must never be written to the log.
bool isSecretVariable(const QString &name, const QString &value);

// The name edits are signed with: the display name preference (QSettings
// user/displayName), else `role` (a shared project's database role), else the OS user.
QString defaultAuthorName(const QString &role);

// Someone who has a shared project open now (the presence table, schema 10).
struct PresenceEntry
{
    QString sessionId;
    QString who;
    QString host;
    QDateTime since;
    QDateTime lastSeen;
};

} // namespace flowbench
