#include "run/responseparts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace flowbench {

namespace {

// Both truncation notes the checks write (core/run/evidence.cpp, assertionevaluator.cpp).
QString takeTruncation(QString *text)
{
    static const QRegularExpression note(
        QStringLiteral("\n… \\((truncated, \\d+ of \\d+ bytes shown|\\d+ more bytes not shown)\\)$"));
    const QRegularExpressionMatch m = note.match(*text);
    if (!m.hasMatch())
        return QString();
    text->truncate(m.capturedStart());
    return m.captured().mid(1);
}

bool parseJson(const QByteArray &text, QJsonValue *out)
{
    if (text.trimmed().isEmpty())
        return false;
    QJsonParseError error;
    // Wrapping lets scalars through as well as objects and arrays.
    const QJsonDocument doc = QJsonDocument::fromJson("[" + text + "]", &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return false;
    *out = doc.array().first();
    return true;
}

} // namespace

ResponseParts ResponseParts::parse(const QString &checkType, const QString &evidence)
{
    ResponseParts p;
    p.type = checkType;
    p.raw = evidence;
    QString text = evidence;
    p.truncation = takeTruncation(&text);
    if (checkType == QLatin1String("http")) {
        QStringList lines = text.split(QLatin1Char('\n'));
        int i = 0;
        while (i < lines.size() && lines.at(i).startsWith(QLatin1String("redirected: ")))
            p.redirects << lines.at(i++).mid(12);
        static const QRegularExpression statusLine(QStringLiteral("^HTTP (\\d{3})\\b"));
        const QRegularExpressionMatch m
            = i < lines.size() ? statusLine.match(lines.at(i)) : QRegularExpressionMatch();
        if (m.hasMatch()) {
            p.heading = lines.at(i++);
            p.httpStatus = m.captured(1).toInt();
            for (; i < lines.size() && !lines.at(i).isEmpty(); ++i) {
                const QString &h = lines.at(i);
                const int colon = h.indexOf(QLatin1Char(':'));
                p.headers.append(
                    { h.left(colon).trimmed(), colon < 0 ? QString() : h.mid(colon + 1).trimmed() });
            }
            ++i; // the blank line
            p.body = lines.mid(i).join(QLatin1Char('\n')).toUtf8();
        } else {
            p.body = text.toUtf8();
        }
    } else if (checkType == QLatin1String("sql") || checkType == QLatin1String("log")
        || checkType == QLatin1String("redis")) {
        const int nl = text.indexOf(QLatin1Char('\n'));
        p.heading = nl < 0 ? text : text.left(nl);
        p.body = nl < 0 ? QByteArray() : text.mid(nl + 1).toUtf8();
        if (checkType == QLatin1String("log") && !p.body.isEmpty())
            p.lines = QString::fromUtf8(p.body).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    } else {
        p.body = text.toUtf8();
    }
    if (p.truncation.isEmpty() && checkType != QLatin1String("log"))
        p.hasJson = parseJson(p.body, &p.json);
    return p;
}

QString ResponseParts::readableBody() const
{
    if (hasJson && (json.isObject() || json.isArray()))
        return QString::fromUtf8(
            (json.isObject() ? QJsonDocument(json.toObject()) : QJsonDocument(json.toArray()))
                .toJson(QJsonDocument::Indented))
            .trimmed();
    return QString::fromUtf8(body);
}

} // namespace flowbench
