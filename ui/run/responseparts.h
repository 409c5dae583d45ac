#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace flowbench {

// A check result's evidence text split back into what a person looks at: the checks write
// it as text (http: status line, headers, a blank line, the body; sql: "N row(s): cols"
// and the rows as a JSON array; log: a heading and the matched lines; redis: the command
// and the reply), cut at maxEvidenceBytes with a note. Nothing is lost: `raw` keeps it all.
struct ResponseParts
{
    QString type; // the check type it came from
    QString raw;
    QString heading; // sql/log/redis first line; http: the status line
    QStringList redirects; // http hops before the final response
    int httpStatus = 0; // 0: not an HTTP response
    QList<QPair<QString, QString>> headers;
    QByteArray body; // what follows the heading (http: the body), truncation note removed
    QString truncation; // "… (120 more bytes not shown)" when cut, else empty
    bool hasJson = false; // body parsed as JSON (a cut body does not)
    QJsonValue json;
    QStringList lines; // log: the matched lines

    // checkType: "http", "sql", "log", "redis", "tcp", ...; unknown types keep body = raw.
    static ResponseParts parse(const QString &checkType, const QString &evidence);
    // The body as a person reads it: JSON indented, anything else as it came.
    QString readableBody() const;
};

} // namespace flowbench
