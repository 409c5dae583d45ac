#pragma once

#include "document/commandids.h"
#include "model/comment.h"
#include "model/edge.h"
#include "model/flow.h"
#include "model/node.h"
#include "model/testcase.h"
#include "result.h"

#include <QList>
#include <QUndoCommand>
#include <algorithm>
#include <type_traits>

namespace flowbench {

class ProjectDocument;

// How ChangeValue finds an object in the document and stores it back: one specialization
// per object type (below, defined in changevalue.cpp), each a call of the document's
// reader and mutator.
template <typename Object> struct DocumentObjects;

template <> struct DocumentObjects<Node>
{
    static const Node *find(const ProjectDocument *document, const Id &id);
    static Status store(ProjectDocument *document, const Node &node);
};
template <> struct DocumentObjects<Edge>
{
    static const Edge *find(const ProjectDocument *document, const Id &id);
    static Status store(ProjectDocument *document, const Edge &edge);
};
template <> struct DocumentObjects<Flow>
{
    static const Flow *find(const ProjectDocument *document, const Id &id);
    static Status store(ProjectDocument *document, const Flow &flow);
};
template <> struct DocumentObjects<TestCase>
{
    static const TestCase *find(const ProjectDocument *document, const Id &id);
    static Status store(ProjectDocument *document, const TestCase &testCase);
};
template <> struct DocumentObjects<Comment>
{
    static const Comment *find(const ProjectDocument *document, const Id &id);
    static Status store(ProjectDocument *document, const Comment &comment);
};

// Every simple property edit of a node, edge, flow, test case or comment (Tiled's
// ChangeValue): sets one field of one or more objects, e.g.
//     push(new ChangeValue<Node, bool>(doc, ids, &Node::pinned, true, tr("Pin")));
// or, with Value = Object, replaces a whole object (several fields at once, such as both
// ends of an edge). The values before are read from the document when the command is
// made. A command made mergeable() merges with the next mergeable one that sets the same
// field of the same objects (a spin box stepped three times is one undo step); merging
// back to the values before makes it obsolete, so the stack drops it.
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
        QList<int> done;
        for (int i = 0; i < m_ids.size(); ++i) {
            if (!set(i, m_after)) {
                for (int j : std::as_const(done)) // all or nothing
                    set(j, m_before.at(j));
                setObsolete(true);
                return;
            }
            done.append(i);
        }
    }

    void undo() override
    {
        for (int i = 0; i < m_ids.size(); ++i)
            set(i, m_before.at(i));
    }

    int id() const override { return m_mergeable ? CommandChangeValue : -1; }

    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *next = dynamic_cast<const ChangeValue *>(other);
        if (!next || !next->m_mergeable || next->m_document != m_document || next->m_field != m_field
            || next->m_ids != m_ids)
            return false;
        m_after = next->m_after;
        setObsolete(
            std::all_of(m_before.cbegin(), m_before.cend(), [this](const Value &v) { return v == m_after; }));
        return true;
    }

private:
    bool set(int index, const Value &value)
    {
        const Object *current = DocumentObjects<Object>::find(m_document, m_ids.at(index));
        if (!current)
            return false;
        Object changed = *current;
        if constexpr (std::is_same_v<Object, Value>) {
            if (!m_field) {
                changed = value;
                return DocumentObjects<Object>::store(m_document, changed).ok();
            }
        }
        changed.*m_field = value;
        return DocumentObjects<Object>::store(m_document, changed).ok();
    }

    ProjectDocument *m_document;
    Field m_field = nullptr; // null: the whole object
    QList<Id> m_ids;
    QList<Value> m_before; // one per id
    Value m_after;
    bool m_mergeable = false;
};

} // namespace flowbench
