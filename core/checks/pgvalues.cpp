#include "checks/pgvalues.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <cmath>

namespace flowbench {

namespace {

// Type OIDs from PostgreSQL's pg_type.dat; stable across versions.
enum : unsigned int {
    BoolOid = 16,
    ByteaOid = 17,
    Int8Oid = 20,
    Int2Oid = 21,
    Int4Oid = 23,
    JsonOid = 114,
    Float4Oid = 700,
    Float8Oid = 701,
    TimestampOid = 1114,
    TimestampTzOid = 1184,
    TimeTzOid = 1266,
    NumericOid = 1700,
    JsonbOid = 3802,
};

constexpr double kMaxExactInteger = 9007199254740992.0; // 2^53

// A decimal as sign, significant digits and the power of ten before the first digit:
// "-0012.3400" -> {true, "1234", 2}; zero has no digits.
struct Decimal
{
    bool negative = false;
    QByteArray digits;
    int exponent = 0;
    bool operator==(const Decimal &o) const
    {
        return negative == o.negative && digits == o.digits && exponent == o.exponent;
    }
};

std::optional<Decimal> parseDecimal(const QByteArray &text)
{
    static const QRegularExpression form(QStringLiteral(R"(^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$)"));
    const QRegularExpressionMatch m = form.match(QString::fromLatin1(text.trimmed()));
    if (!m.hasMatch() || m.capturedLength(2) + m.capturedLength(3) == 0)
        return std::nullopt;
    Decimal d;
    d.negative = m.captured(1) == QLatin1String("-");
    d.digits = (m.captured(2) + m.captured(3)).toLatin1();
    bool ok = true;
    d.exponent = int(m.capturedLength(2)) + (m.capturedLength(4) ? m.captured(4).toInt(&ok) : 0);
    if (!ok)
        return std::nullopt;
    qsizetype lead = 0;
    while (lead < d.digits.size() && d.digits.at(lead) == '0')
        ++lead;
    d.digits.remove(0, lead);
    d.exponent -= int(lead);
    while (d.digits.endsWith('0'))
        d.digits.chop(1);
    if (d.digits.isEmpty())
        return Decimal();
    return d;
}

QJsonValue jsonText(const QByteArray &text)
{
    // QJsonDocument reads only arrays and objects: a scalar ("7", "\"x\"") goes in one.
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson('[' + text + ']', &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1)
        return QString::fromUtf8(text);
    return doc.array().first();
}

// "+01" -> "+01:00"; "+05:30" stays; "+00:53:28" (old local mean time) stays as it is.
QString isoOffset(const QString &hours, const QString &minutes, const QString &seconds)
{
    QString offset = hours + QLatin1Char(':') + (minutes.isEmpty() ? QStringLiteral("00") : minutes);
    if (!seconds.isEmpty())
        offset += QLatin1Char(':') + seconds;
    return offset;
}

QJsonValue isoDateTime(const QByteArray &text, bool withOffset)
{
    static const QRegularExpression stamp(QStringLiteral(
        R"(^(\d{4,}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)(?:([+-]\d\d)(?::(\d\d))?(?::(\d\d))?)?$)"));
    const QString s = QString::fromUtf8(text);
    const QRegularExpressionMatch m = stamp.match(s);
    if (!m.hasMatch() || m.hasCaptured(3) != withOffset)
        return s; // infinity, BC dates: their text
    QString iso = m.captured(1) + QLatin1Char('T') + m.captured(2);
    if (withOffset)
        iso += isoOffset(m.captured(3), m.captured(4), m.captured(5));
    return iso;
}

QJsonValue isoTimeTz(const QByteArray &text)
{
    static const QRegularExpression time(
        QStringLiteral(R"(^(\d\d:\d\d:\d\d(?:\.\d+)?)([+-]\d\d)(?::(\d\d))?(?::(\d\d))?$)"));
    const QString s = QString::fromUtf8(text);
    const QRegularExpressionMatch m = time.match(s);
    if (!m.hasMatch())
        return s;
    return m.captured(1) + isoOffset(m.captured(2), m.captured(3), m.captured(4));
}

QJsonValue floatValue(const QByteArray &text)
{
    if (text == "NaN" || text == "Infinity" || text == "-Infinity")
        return QString::fromLatin1(text);
    bool ok = false;
    const double d = text.toDouble(&ok);
    return ok && std::isfinite(d) ? QJsonValue(d) : QJsonValue(QString::fromLatin1(text));
}

} // namespace

std::optional<double> exactDouble(const QByteArray &decimal)
{
    const std::optional<Decimal> wanted = parseDecimal(decimal);
    if (!wanted)
        return std::nullopt;
    bool ok = false;
    const double d = decimal.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(d))
        return std::nullopt;
    const std::optional<Decimal> held
        = parseDecimal(QByteArray::number(d, 'e', QLocale::FloatingPointShortest));
    if (!held || !(*held == *wanted))
        return std::nullopt;
    return d == 0 ? 0.0 : d; // no -0 in JSON
}

QJsonValue pgValueToJson(unsigned int typeOid, const QByteArray &text)
{
    switch (typeOid) {
    case BoolOid:
        return text == "t" || text == "true";
    case Int2Oid:
    case Int4Oid:
        return double(text.toLongLong());
    case Int8Oid: {
        bool ok = false;
        const qint64 v = text.toLongLong(&ok);
        if (ok && v >= -qint64(kMaxExactInteger) && v <= qint64(kMaxExactInteger))
            return double(v);
        return QString::fromLatin1(text);
    }
    case Float4Oid:
    case Float8Oid:
        return floatValue(text);
    case NumericOid: {
        if (const std::optional<double> d = exactDouble(text))
            return *d;
        return QString::fromLatin1(text); // NaN, Infinity, or more digits than a double holds
    }
    case JsonOid:
    case JsonbOid:
        return jsonText(text);
    case ByteaOid:
        if (text.startsWith("\\x"))
            return QString::fromLatin1(QByteArray::fromHex(text.mid(2)).toBase64());
        return QString::fromUtf8(text);
    case TimestampTzOid:
        return isoDateTime(text, true);
    case TimestampOid:
        return isoDateTime(text, false);
    case TimeTzOid:
        return isoTimeTz(text);
    default:
        return QString::fromUtf8(text);
    }
}

} // namespace flowbench
