#pragma once

#include "checks/checktype.h"
#include "result.h"

#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QList>
#include <memory>

namespace flowbench {

// A multipart/form-data request body (RFC 7578) for an http check's
// {"mode": "multipart", "multipart": [{"name", "value"} | {"name", "file", "content_type"?,
// "filename"?}]}: text fields and files, in the order written. Its length is known before
// sending (Content-Length), and files are read in chunks as the socket drains, never
// whole into memory. A relative file path resolves against the project's folder.
class HttpMultipartBody
{
public:
    // Interpolates names, values and paths with `variables`; every file must be a readable
    // regular file. Errors name the field: "spec.body.multipart[1].file: /x/a.png: no such file".
    static Result<std::shared_ptr<HttpMultipartBody>> build(
        const QJsonArray &parts, const VariableScope &variables, const QString &projectDir);
    // The spec's own rules, for validate(): a list of objects, each with a name and either
    // a value or a file.
    static Status check(const QJsonValue &parts);

    QByteArray contentType() const; // "multipart/form-data; boundary=…"
    qint64 size() const { return m_size; }
    // Back to the first byte (a 307/308 redirect sends the body again).
    void rewind();
    bool atEnd() const;
    // Up to `max` next bytes; a file that can no longer be read, or changed size since
    // build(), is an error naming it.
    Result<QByteArray> read(qint64 max);

private:
    struct Piece
    {
        QByteArray bytes; // a boundary, part head or text value
        QString file; // or a file's path
        qint64 fileSize = 0;
    };
    QList<Piece> m_pieces;
    QByteArray m_boundary;
    qint64 m_size = 0;
    int m_index = 0;
    qint64 m_offset = 0; // within the current piece
    std::unique_ptr<QFile> m_file;
};

} // namespace flowbench
