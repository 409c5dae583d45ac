#pragma once

#include "document/projectdocument.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <memory>

namespace flowbench::testing {

// One person in a test of several editing one project: the document they opened (a
// shared-project URL or a file) and what it announced to them, the edit conflicts and the
// error messages. Tests derive from it to add the watcher or the edits they need.
struct DocumentUser
{
    QList<EditConflict> conflicts;
    QStringList errors;
    // Last, so that it goes first: nothing it says in going lands in a destroyed list.
    std::unique_ptr<ProjectDocument> doc;

    // Opens `where`, signed by `author` ("" keeps the store's default); false with a
    // warning saying why it did not open. The user must not move afterwards (the
    // document's signals land in this object): keep it in a unique_ptr or in place.
    bool open(const QString &where, const QString &author = QString());

    // The node's name, or "(missing)" when this document does not have it.
    QString name(const Id &id) const;
    // Renames the node as an undoable edit (ChangeValue, as the Inspector does).
    void rename(const Id &id, const QString &to);
};

} // namespace flowbench::testing
