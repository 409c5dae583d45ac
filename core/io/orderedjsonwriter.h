#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace flowbench {

// Writes indented JSON with keys in the order they are given, so that a file format can
// put "id" and "name" first and stay readable in a diff. Free-form values (QJsonObject)
// are written with their keys sorted, which QJsonObject already guarantees. The output
// is byte-stable: the same calls always give the same bytes.
class OrderedJsonWriter
{
public:
    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    // Names the next value inside an object.
    void key(const char *name);
    void key(const QString &name);
    // Any JSON value; objects and arrays are written recursively.
    void value(const QJsonValue &value);
    // An array of scalars on one line ("[12.5, 30]"): point coordinates stay readable
    // in a diff instead of taking four lines each.
    void inlineArray(const QJsonArray &scalars);
    void field(const char *name, const QJsonValue &v)
    {
        key(name);
        value(v);
    }
    // The document with a trailing newline.
    QByteArray finish();

private:
    void beginValue();
    void end(char closing);
    void indent(int depth);

    struct Level
    {
        bool object = false;
        bool empty = true;
    };
    QByteArray m_out;
    QList<Level> m_levels;
    bool m_afterKey = false;
};

} // namespace flowbench
