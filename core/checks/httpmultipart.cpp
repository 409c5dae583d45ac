#include "checks/httpmultipart.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QUuid>

namespace flowbench {

namespace {

// A quoted-string parameter of Content-Disposition: quotes and line breaks escaped as
// browsers do (RFC 7578 4.2), so a name can never end the head.
QByteArray quoted(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    bytes.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A");
    return '"' + bytes + '"';
}

} // namespace

Status HttpMultipartBody::check(const QJsonValue &value)
{
    if (!value.isArray())
        return Status::failure(QStringLiteral("spec.body.multipart: must be a list of parts"));
    const QJsonArray parts = value.toArray();
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString at = QStringLiteral("spec.body.multipart[%1]").arg(i);
        if (!parts.at(i).isObject())
            return Status::failure(
                at + QStringLiteral(": must be an object with a name and a value or a file"));
        const QJsonObject part = parts.at(i).toObject();
        if (part.value(QLatin1String("name")).toString().isEmpty())
            return Status::failure(at + QStringLiteral(".name: must not be empty"));
        const bool hasValue = part.contains(QLatin1String("value"));
        const bool hasFile = part.contains(QLatin1String("file"));
        if (hasValue == hasFile)
            return Status::failure(
                at + QStringLiteral(": needs either \"value\" (text) or \"file\" (a path)"));
        if (hasFile && part.value(QLatin1String("file")).toString().trimmed().isEmpty())
            return Status::failure(at + QStringLiteral(".file: must be a path"));
        for (const char *key : { "content_type", "filename" })
            if (part.contains(QLatin1String(key)) && !part.value(QLatin1String(key)).isString())
                return Status::failure(at + QStringLiteral(".%1: must be text").arg(QLatin1String(key)));
        for (auto it = part.begin(); it != part.end(); ++it)
            if (!QStringList { QStringLiteral("name"), QStringLiteral("value"), QStringLiteral("file"),
                    QStringLiteral("content_type"), QStringLiteral("filename") }
                     .contains(it.key()))
                return Status::failure(at
                    + QStringLiteral(": \"%1\" is not a part field (name, value, file, "
                                     "content_type, filename)")
                          .arg(it.key()));
    }
    return success();
}

Result<std::shared_ptr<HttpMultipartBody>> HttpMultipartBody::build(
    const QJsonArray &parts, const VariableScope &variables, const QString &projectDir)
{
    using R = Result<std::shared_ptr<HttpMultipartBody>>;
    auto body = std::make_shared<HttpMultipartBody>();
    body->m_boundary = "flowbench-" + QUuid::createUuid().toByteArray(QUuid::Id128);
    auto text = [&](const QJsonObject &part, const char *key, const QString &field) {
        return variables.interpolate(part.value(QLatin1String(key)).toString(), field);
    };
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QJsonObject part = parts.at(i).toObject();
        const QString at = QStringLiteral("spec.body.multipart[%1]").arg(i);
        const auto name = text(part, "name", at + QStringLiteral(".name"));
        if (!name)
            return R::failure(name.error());
        QByteArray head
            = "--" + body->m_boundary + "\r\nContent-Disposition: form-data; name=" + quoted(*name);
        if (part.contains(QLatin1String("file"))) {
            const auto path = text(part, "file", at + QStringLiteral(".file"));
            if (!path)
                return R::failure(path.error());
            const QString resolved = QFileInfo(*path).isRelative() && !projectDir.isEmpty()
                ? QDir(projectDir).absoluteFilePath(*path)
                : *path;
            const QFileInfo info(resolved);
            if (!info.exists())
                return R::failure(QStringLiteral("%1.file: %2: no such file").arg(at, resolved));
            if (!info.isFile() || !info.isReadable())
                return R::failure(QStringLiteral("%1.file: %2: not a readable file").arg(at, resolved));
            QString filename = info.fileName();
            if (part.contains(QLatin1String("filename"))) {
                const auto given = text(part, "filename", at + QStringLiteral(".filename"));
                if (!given)
                    return R::failure(given.error());
                filename = *given;
            }
            QString type = QStringLiteral("application/octet-stream");
            if (part.contains(QLatin1String("content_type"))) {
                const auto given = text(part, "content_type", at + QStringLiteral(".content_type"));
                if (!given)
                    return R::failure(given.error());
                if (given->contains(QLatin1Char('\r')) || given->contains(QLatin1Char('\n')))
                    return R::failure(at + QStringLiteral(".content_type: must not hold a line break"));
                type = *given;
            }
            head += "; filename=" + quoted(filename) + "\r\nContent-Type: " + type.toUtf8() + "\r\n\r\n";
            body->m_pieces.append({ head, QString(), 0 });
            body->m_pieces.append({ QByteArray(), resolved, info.size() });
            body->m_size += head.size() + info.size();
        } else {
            const auto value = text(part, "value", at + QStringLiteral(".value"));
            if (!value)
                return R::failure(value.error());
            if (part.contains(QLatin1String("content_type"))) {
                const auto type = text(part, "content_type", at + QStringLiteral(".content_type"));
                if (!type)
                    return R::failure(type.error());
                if (type->contains(QLatin1Char('\r')) || type->contains(QLatin1Char('\n')))
                    return R::failure(at + QStringLiteral(".content_type: must not hold a line break"));
                head += "\r\nContent-Type: " + type->toUtf8();
            }
            head += "\r\n\r\n" + value->toUtf8();
            body->m_pieces.append({ head, QString(), 0 });
            body->m_size += head.size();
        }
        body->m_pieces.append({ QByteArray("\r\n"), QString(), 0 });
        body->m_size += 2;
    }
    const QByteArray close = "--" + body->m_boundary + "--\r\n";
    body->m_pieces.append({ close, QString(), 0 });
    body->m_size += close.size();
    return body;
}

QByteArray HttpMultipartBody::contentType() const
{
    return "multipart/form-data; boundary=" + m_boundary;
}

void HttpMultipartBody::rewind()
{
    m_index = 0;
    m_offset = 0;
    m_file.reset();
}

bool HttpMultipartBody::atEnd() const
{
    return m_index >= m_pieces.size();
}

Result<QByteArray> HttpMultipartBody::read(qint64 max)
{
    QByteArray out;
    while (out.size() < max && !atEnd()) {
        const Piece &piece = m_pieces.at(m_index);
        if (piece.file.isEmpty()) {
            const QByteArray chunk = piece.bytes.mid(m_offset, max - out.size());
            out += chunk;
            m_offset += chunk.size();
            if (m_offset >= piece.bytes.size()) {
                ++m_index;
                m_offset = 0;
            }
            continue;
        }
        if (!m_file) {
            m_file = std::make_unique<QFile>(piece.file);
            if (!m_file->open(QIODevice::ReadOnly))
                return Result<QByteArray>::failure(
                    QStringLiteral("%1: cannot read: %2").arg(piece.file, m_file->errorString()));
        }
        const QByteArray chunk = m_file->read(qMin(max - out.size(), piece.fileSize - m_offset));
        if (chunk.isEmpty() && m_offset < piece.fileSize)
            return Result<QByteArray>::failure(
                QStringLiteral("%1: shrank while it was sent (%2 of %3 bytes read)")
                    .arg(piece.file)
                    .arg(m_offset)
                    .arg(piece.fileSize));
        out += chunk;
        m_offset += chunk.size();
        if (m_offset >= piece.fileSize) {
            m_file.reset(); // a file that grew is sent as it was measured
            ++m_index;
            m_offset = 0;
        }
    }
    return out;
}

} // namespace flowbench
