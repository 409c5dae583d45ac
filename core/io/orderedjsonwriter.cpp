#include "io/orderedjsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace flowbench {

namespace {

// Qt's own writer escapes strings and formats numbers (shortest round-trip form), so
// scalars are written by it and only the layout is ours.
QByteArray scalarText(const QJsonValue &value)
{
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return text.mid(1, text.size() - 2);
}

} // namespace

void OrderedJsonWriter::indent(int depth) { m_out.append(QByteArray(depth * 4, ' ')); }

void OrderedJsonWriter::beginValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_levels.isEmpty())
        return;
    Level &level = m_levels.last();
    m_out.append(level.empty ? "\n" : ",\n");
    level.empty = false;
    indent(m_levels.size());
}

void OrderedJsonWriter::key(const char *name) { key(QString::fromUtf8(name)); }

void OrderedJsonWriter::key(const QString &name)
{
    beginValue();
    m_out.append(scalarText(QJsonValue(name)));
    m_out.append(": ");
    m_afterKey = true;
}

void OrderedJsonWriter::beginObject()
{
    beginValue();
    m_out.append('{');
    m_levels.append(Level{true, true});
}

void OrderedJsonWriter::beginArray()
{
    beginValue();
    m_out.append('[');
    m_levels.append(Level{false, true});
}

void OrderedJsonWriter::end(char closing)
{
    const Level level = m_levels.takeLast();
    if (!level.empty) {
        m_out.append('\n');
        indent(m_levels.size());
    }
    m_out.append(closing);
}

void OrderedJsonWriter::endObject() { end('}'); }
void OrderedJsonWriter::endArray() { end(']'); }

void OrderedJsonWriter::value(const QJsonValue &v)
{
    if (v.isObject()) {
        beginObject();
        const QJsonObject object = v.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            key(it.key());
            value(it.value());
        }
        endObject();
    } else if (v.isArray()) {
        beginArray();
        for (const QJsonValue &element : v.toArray())
            value(element);
        endArray();
    } else {
        beginValue();
        m_out.append(scalarText(v.isUndefined() ? QJsonValue() : v));
    }
}

void OrderedJsonWriter::inlineArray(const QJsonArray &scalars)
{
    beginValue();
    m_out.append('[');
    for (int i = 0; i < scalars.size(); ++i) {
        if (i > 0)
            m_out.append(", ");
        m_out.append(scalarText(scalars[i].isUndefined() ? QJsonValue() : scalars[i]));
    }
    m_out.append(']');
}

QByteArray OrderedJsonWriter::finish()
{
    QByteArray out = m_out;
    out.append('\n');
    return out;
}

} // namespace flowbench
