#pragma once

#include "result.h"

#include <QJsonValue>
#include <QList>
#include <QString>
#include <optional>
#include <variant>

namespace flowbench {

// A native path into a JSON value, so simple assertions never touch jq:
// "data.items[0].id", "$.a.b", "[0].status", "items[-1]" (from the end),
// "headers[\"Content-Type\"]" (quoted key). "$" or "" is the whole value.
class JsonPath
{
public:
    static Result<JsonPath> parse(const QString &text);

    QString text() const { return m_text; }
    // The value at the path, or nullopt when a key or index is missing (a present
    // JSON null is a value, not a miss).
    std::optional<QJsonValue> evaluate(const QJsonValue &root) const;

private:
    using Step = std::variant<QString, int>; // key or index
    QString m_text;
    QList<Step> m_steps;
};

} // namespace flowbench
