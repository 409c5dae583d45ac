#pragma once

#include "model/ids.h"

#include <QMetaType>
#include <QString>
#include <functional>
#include <type_traits>
#include <utility>

class QUndoCommand;

namespace flowbench {

// An edit, undo or redo refused because someone else changed the same field of the same
// item in the meantime: the store's revision check caught it, or the document had already
// taken their newer value in. Nothing was written; the document shows their value. The
// person chooses (ProjectDocument::keepTheirs / applyMine), never a silent overwrite.
struct EditConflict
{
    enum class Step { Edit, Undo, Redo };
    Step step = Step::Edit;
    QString kind; // "node", "edge", "flow", "test case", "comment"
    Id id;
    QString item; // the item as a person knows it: "Orders API"
    QString field; // what the step sets: "name" (the step's text when no field is named)
    QString action; // the step's text on the undo stack: "Rename Orders API to Orders"
    QString theirs; // the stored value now; empty where a value has no short text
    QString mine; // the value the refused step would have written
    // Makes the command that writes `mine` over what is stored now, as a new undoable edit
    // (applyMine pushes it); null, or returning null: nothing to apply.
    std::function<QUndoCommand *()> makeMine;
};

// Short texts for values in a conflict (conflictText below); empty for values without one.
QString conflictValueText(const QString &value);
QString conflictValueText(bool value);
QString conflictValueText(double value);
QString conflictValueText(const QStringList &value);

namespace detail {
template <typename T, typename = void> struct HasToString : std::false_type
{
};
template <typename T>
struct HasToString<T, std::void_t<decltype(toString(std::declval<const T &>()))>> : std::true_type
{
};
template <typename T, typename = void> struct HasScore : std::false_type
{
};
template <typename T>
struct HasScore<T, std::void_t<decltype(std::declval<const T &>().likelihood)>> : std::true_type
{
};
} // namespace detail

// "yes", "3", "critical", "likelihood 2 × impact 3"; empty for a value with no short text
// (a list of checks, a whole test case).
template <typename T> QString conflictText(const T &value)
{
    if constexpr (std::is_same_v<T, QString> || std::is_same_v<T, QStringList> || std::is_same_v<T, bool>)
        return conflictValueText(value);
    else if constexpr (std::is_arithmetic_v<T>)
        return conflictValueText(double(value));
    else if constexpr (std::is_enum_v<T> && detail::HasToString<T>::value)
        return toString(value);
    else if constexpr (detail::HasScore<T>::value)
        return QStringLiteral("likelihood %1 × impact %2").arg(value.likelihood).arg(value.impact);
    else
        return QString();
}

} // namespace flowbench

Q_DECLARE_METATYPE(flowbench::EditConflict)
