#pragma once

#include "model/project.h"

#include <QList>
#include <QStringList>

namespace flowbench::bench {

// Nanoseconds on the steady clock, comparable between the bench's threads.
qint64 nowNs();

// One edit the store acknowledged (the command's mutator returned success): what it
// wrote, the revision the item has after it, and when the commit had returned.
struct Ack
{
    enum class Kind { NodeName, NodeOwner, CaseTitle, EdgeAdded, EdgeRemoved };
    Kind kind = Kind::NodeName;
    Id item;
    QString value; // the written text (unique per edit: it names the editor and the step)
    int revision = 0;
    qint64 committedNs = 0;

    // What the observer records when the edit shows in its document.
    QString seenKey() const;
};

// What one simulated editor did.
struct EditorReport
{
    int editor = 0;
    QList<Ack> acks;
    int attempts = 0;
    int conflicts = 0; // EditConflicts announced (each one a dialog a person would see)
    int failures = 0; // refused for another reason (errors lists the first few)
    int syncs = 0; // others' commits taken in (syncWithStore after NOTIFY)
    qint64 startNs = 0;
    qint64 endNs = 0;
    QStringList errors;
};

// Edits lost: acknowledged values the store does not hold although no later acknowledged
// edit of the same field replaced them, two acknowledged edits claiming one revision of
// an item (one overwrote the other), and edges added or removed but not so in the store.
struct Verdict
{
    int lost = 0;
    int fieldsChecked = 0;
    QStringList details; // the first few
};
Verdict verifyAgainstStore(const Project &stored, const QList<EditorReport> &reports);

} // namespace flowbench::bench
