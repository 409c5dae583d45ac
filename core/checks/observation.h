#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <optional>

namespace flowbench {

// What one try of a check saw, in the terms assertions and captures speak:
// HTTP fills status/headers/body/json/latency; SQL fills json (rows) and count;
// Redis fills json (the reply); log fills body (matched lines) and count; a type may
// add facts of its own.
struct Observation
{
    int status = -1; // HTTP status code; -1 when there is none
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    std::optional<QJsonValue> json; // parsed body, rows array or reply
    QString jsonError;               // why there is no json (e.g. body is not JSON)
    qint64 latencyMs = -1;
    qint64 count = -1; // rows returned (or affected) / matching log lines
    // Values a type's own assertion kinds read (AssertionKind::read), by name.
    QJsonObject facts;

    // Header value by case-insensitive name; nullopt when absent.
    std::optional<QByteArray> header(const QString &name) const
    {
        const QByteArray wanted = name.toLatin1().toLower();
        for (const auto &h : headers)
            if (h.first.toLower() == wanted)
                return h.second;
        return std::nullopt;
    }
};

} // namespace flowbench
