#pragma once

#include "document/commandids.h"
#include "document/editconflict.h"
#include "document/projectdocument.h"
#include "model/comment.h"
#include "model/edge.h"
#include "model/flow.h"
#include "model/node.h"
#include "model/testcase.h"
#include "result.h"

#include <QCoreApplication>
#include <QList>
#include <QUndoCommand>
#include <algorithm>
#include <type_traits>

namespace flowbench {

// How ChangeValue finds an object in the document and stores it back: one specialization
// per object type (below, defined in changevalue.cpp), each a call of the document's
// reader and mutator. For conflicts: what a person calls the object, whether two versions
// hold the same content (revision and map layout aside), and keeping the layout the
// document has when a whole object is written back.
template <typename Object> struct DocumentObjects;

#define FLOWBENCH_DOCUMENT_OBJECTS(Object)                                                                   \
    template <> struct DocumentObjects<Object>                                                               \
    {                                                                                                        \
        static const Object *find(const ProjectDocument *document, const Id &id);                            \
        static Status store(ProjectDocument *document, const Object &object);                                \
        static QString kind();                                                                               \
        static QString name(const ProjectDocument *document, const Object &object);                          \
        static bool sameContent(const Object &a, const Object &b);                                           \
        static void keepLayout(Object &written, const Object &current);                                      \
    };
FLOWBENCH_DOCUMENT_OBJECTS(Node)
FLOWBENCH_DOCUMENT_OBJECTS(Edge)
FLOWBENCH_DOCUMENT_OBJECTS(Flow)
FLOWBENCH_DOCUMENT_OBJECTS(TestCase)
FLOWBENCH_DOCUMENT_OBJECTS(Comment)
#undef FLOWBENCH_DOCUMENT_OBJECTS

// The name of the field a ChangeValue sets, for a conflict ("name", "owner"); empty for
// a field not listed (the conflict names the step instead).
QString fieldName(QString Node::*field);
QString fieldName(bool Node::*field);
QString fieldName(Risk Node::*field);
QString fieldName(NodeKind Node::*field);
QString fieldName(QString Edge::*field);
QString fieldName(EdgeKind Edge::*field);
QString fieldName(QString Flow::*field);
QString fieldName(Risk Flow::*field);
QString fieldName(QString TestCase::*field);
QString fieldName(Priority TestCase::*field);
QString fieldName(bool TestCase::*field);
QString fieldName(int TestCase::*field);
QString fieldName(QStringList TestCase::*field);
QString fieldName(QString Comment::*field);
QString fieldName(bool Comment::*field);
template <typename Object, typename Value> QString fieldName(Value Object::*)
{
    return QString();
}

// Every simple property edit of a node, edge, flow, test case or comment (Tiled's
// ChangeValue): sets one field of one or more objects, e.g.
//     push(new ChangeValue<Node, bool>(doc, ids, &Node::pinned, true, tr("Pin")));
// or, with Value = Object, replaces a whole object (several fields at once, such as both
// ends of an edge). The values before are read from the document when the command is
// made. A command made mergeable() merges with the next mergeable one that sets the same
// field of the same objects (a spin box stepped three times is one undo step); merging
// back to the values before makes it obsolete, so the stack drops it.
//
// Others may edit the same project meanwhile (another window, a shared project). A step
// (the edit, an undo, a redo) writes a field only while it still holds what this command
// expects there (the value before, or after for an undo); otherwise someone else's newer
// value would be overwritten: the step is refused as an EditConflict
// (ProjectDocument::conflictOccurred) and the command leaves the undo stack. When the
// store reports that someone else saved the object since the document took it in, the
// document takes their version in and looks again: a change of another field lands
// (theirs stays), a change of this one is a conflict.
template <typename Object, typename Value> class ChangeValue : public QUndoCommand
{
public:
    using Field = Value Object::*;

    ChangeValue(ProjectDocument *document, const QList<Id> &ids, Field field, const Value &value,
        const QString &text, QUndoCommand *parent = nullptr)
        : QUndoCommand(text, parent)
        , m_document(document)
        , m_field(field)
        , m_after(value)
    {
        for (const Id &id : ids) {
            if (const Object *object = DocumentObjects<Object>::find(document, id)) {
                m_ids.append(id);
                m_before.append(object->*field);
            }
        }
    }
    ChangeValue(ProjectDocument *document, const Id &id, Field field, const Value &value, const QString &text,
        QUndoCommand *parent = nullptr)
        : ChangeValue(document, QList<Id> { id }, field, value, text, parent)
    {
    }
    // The whole object, before and after (only where Value is Object).
    ChangeValue(ProjectDocument *document, const Object &before, const Object &after, const QString &text,
        QUndoCommand *parent = nullptr)
        : QUndoCommand(text, parent)
        , m_document(document)
        , m_ids { after.id }
        , m_before { before }
        , m_after(after)
    {
        static_assert(std::is_same_v<Object, Value>, "a whole-object change needs Value = Object");
    }

    // Lets this command merge with the next one of the same field and objects.
    ChangeValue *mergeable()
    {
        m_mergeable = true;
        return this;
    }

    void redo() override
    {
        apply(true, m_done ? EditConflict::Step::Redo : EditConflict::Step::Edit);
        m_done = true;
    }

    void undo() override { apply(false, EditConflict::Step::Undo); }

    int id() const override { return m_mergeable ? CommandChangeValue : -1; }

    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *next = dynamic_cast<const ChangeValue *>(other);
        // A refused step (obsolete) wrote nothing: there is nothing to merge.
        if (!next || next->isObsolete() || !next->m_mergeable || next->m_document != m_document
            || next->m_field != m_field || next->m_ids != m_ids)
            return false;
        m_after = next->m_after;
        setObsolete(
            std::all_of(m_before.cbegin(), m_before.cend(), [this](const Value &v) { return v == m_after; }));
        return true;
    }

private:
    enum class Outcome { Done, Failed, Conflict };

    const Value &target(int index, bool forward) const { return forward ? m_after : m_before.at(index); }

    // All or nothing: a refused object puts back those already written, and the command
    // leaves the undo stack (QUndoStack drops an obsolete command after redo or undo).
    void apply(bool forward, EditConflict::Step step)
    {
        QList<int> done;
        for (int i = 0; i < m_ids.size(); ++i) {
            EditConflict conflict;
            const Outcome outcome = set(i, target(i, forward), target(i, !forward), &conflict);
            if (outcome == Outcome::Done) {
                done.append(i);
                continue;
            }
            for (int j : std::as_const(done))
                set(j, target(j, !forward), target(j, forward), nullptr);
            setObsolete(true);
            if (outcome == Outcome::Conflict) {
                conflict.step = step;
                conflict.makeMine = mine(forward);
                m_document->raiseConflict(conflict);
            }
            return;
        }
    }

    // Writes `value` where the object holds `expected`.
    Outcome set(int index, const Value &value, const Value &expected, EditConflict *conflict)
    {
        const Id id = m_ids.at(index);
        for (int attempt = 0;; ++attempt) {
            const Object *current = DocumentObjects<Object>::find(m_document, id);
            if (!current)
                return Outcome::Failed;
            if (!holds(*current, expected) || attempt == 2) {
                if (conflict)
                    describe(conflict, *current, value);
                return Outcome::Conflict;
            }
            Object changed = *current;
            if constexpr (std::is_same_v<Object, Value>) {
                if (!m_field) {
                    changed = value;
                    DocumentObjects<Object>::keepLayout(changed, *current);
                }
            }
            if (m_field)
                changed.*m_field = value;
            ProjectDocument::ConflictsHandledByCaller handled(m_document);
            if (DocumentObjects<Object>::store(m_document, changed).ok())
                return Outcome::Done;
            if (!m_document->lastEditConflicted())
                return Outcome::Failed; // errorOccurred said why
            // Someone else saved it since the document took it in: take theirs in (the
            // views show it) and look at this field again.
            if (!m_document->syncWithStore().ok())
                return Outcome::Failed;
        }
    }

    bool holds(const Object &object, const Value &expected) const
    {
        if constexpr (std::is_same_v<Object, Value>) {
            if (!m_field)
                return DocumentObjects<Object>::sameContent(object, expected);
        }
        return object.*m_field == expected;
    }

    void describe(EditConflict *conflict, const Object &current, const Value &mine) const
    {
        conflict->kind = DocumentObjects<Object>::kind();
        conflict->id = current.id;
        conflict->item = DocumentObjects<Object>::name(m_document, current);
        conflict->action = text();
        conflict->field = m_field ? fieldName(m_field) : QString();
        if (conflict->field.isEmpty())
            conflict->field = text();
        if (m_field) {
            conflict->theirs = conflictText(current.*m_field);
            conflict->mine = conflictText(mine);
        }
    }

    // The edit that writes this step's values over what is stored then.
    std::function<QUndoCommand *()> mine(bool forward) const
    {
        ProjectDocument *document = m_document;
        const QList<Id> ids = m_ids;
        const Field field = m_field;
        QList<Value> values;
        for (int i = 0; i < m_ids.size(); ++i)
            values.append(target(i, forward));
        const QString text = forward
            ? this->text()
            : QCoreApplication::translate("ChangeValue", "Undo %1").arg(this->text());
        return [document, ids, field, values, text]() -> QUndoCommand * {
            auto *macro = ids.size() == 1 ? nullptr : new QUndoCommand(text);
            QUndoCommand *single = nullptr;
            for (int i = 0; i < ids.size(); ++i) {
                if (!DocumentObjects<Object>::find(document, ids.at(i)))
                    continue;
                if constexpr (std::is_same_v<Object, Value>) {
                    if (!field) {
                        single = new ChangeValue(document,
                            *DocumentObjects<Object>::find(document, ids.at(i)), values.at(i), text, macro);
                        continue;
                    }
                }
                single = new ChangeValue(document, ids.at(i), field, values.at(i), text, macro);
            }
            if (macro && macro->childCount() == 0) {
                delete macro;
                return nullptr;
            }
            return macro ? macro : single;
        };
    }

    ProjectDocument *m_document;
    Field m_field = nullptr; // null: the whole object
    QList<Id> m_ids;
    QList<Value> m_before; // one per id
    Value m_after;
    bool m_mergeable = false;
    bool m_done = false; // redone once: the next redo is a redo, not the edit
};

} // namespace flowbench
