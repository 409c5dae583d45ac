#include "io/dotlabel.h"

#include <QHash>
#include <QStringList>
#include <QXmlStreamReader>

namespace flowbench {

namespace {

// HTML's named entities that Graphviz reads in HTML-like labels and people write in
// them. XML's own five (and numeric references) the XML reader knows already.
const QHash<QString, QChar> &htmlEntities()
{
    static const QHash<QString, QChar> entities {
        { QStringLiteral("nbsp"), QChar(0x00A0) },
        { QStringLiteral("copy"), QChar(0x00A9) },
        { QStringLiteral("reg"), QChar(0x00AE) },
        { QStringLiteral("trade"), QChar(0x2122) },
        { QStringLiteral("deg"), QChar(0x00B0) },
        { QStringLiteral("plusmn"), QChar(0x00B1) },
        { QStringLiteral("times"), QChar(0x00D7) },
        { QStringLiteral("divide"), QChar(0x00F7) },
        { QStringLiteral("middot"), QChar(0x00B7) },
        { QStringLiteral("bull"), QChar(0x2022) },
        { QStringLiteral("hellip"), QChar(0x2026) },
        { QStringLiteral("ndash"), QChar(0x2013) },
        { QStringLiteral("mdash"), QChar(0x2014) },
        { QStringLiteral("lsquo"), QChar(0x2018) },
        { QStringLiteral("rsquo"), QChar(0x2019) },
        { QStringLiteral("ldquo"), QChar(0x201C) },
        { QStringLiteral("rdquo"), QChar(0x201D) },
        { QStringLiteral("laquo"), QChar(0x00AB) },
        { QStringLiteral("raquo"), QChar(0x00BB) },
        { QStringLiteral("larr"), QChar(0x2190) },
        { QStringLiteral("uarr"), QChar(0x2191) },
        { QStringLiteral("rarr"), QChar(0x2192) },
        { QStringLiteral("darr"), QChar(0x2193) },
        { QStringLiteral("harr"), QChar(0x2194) },
        { QStringLiteral("rArr"), QChar(0x21D2) },
        { QStringLiteral("hArr"), QChar(0x21D4) },
        { QStringLiteral("le"), QChar(0x2264) },
        { QStringLiteral("ge"), QChar(0x2265) },
        { QStringLiteral("ne"), QChar(0x2260) },
        { QStringLiteral("euro"), QChar(0x20AC) },
        { QStringLiteral("pound"), QChar(0x00A3) },
        { QStringLiteral("yen"), QChar(0x00A5) },
        { QStringLiteral("cent"), QChar(0x00A2) },
        { QStringLiteral("sect"), QChar(0x00A7) },
        { QStringLiteral("para"), QChar(0x00B6) },
        { QStringLiteral("micro"), QChar(0x00B5) },
        { QStringLiteral("auml"), QChar(0x00E4) },
        { QStringLiteral("ouml"), QChar(0x00F6) },
        { QStringLiteral("uuml"), QChar(0x00FC) },
        { QStringLiteral("Auml"), QChar(0x00C4) },
        { QStringLiteral("Ouml"), QChar(0x00D6) },
        { QStringLiteral("Uuml"), QChar(0x00DC) },
        { QStringLiteral("szlig"), QChar(0x00DF) },
        { QStringLiteral("eacute"), QChar(0x00E9) },
        { QStringLiteral("egrave"), QChar(0x00E8) },
        { QStringLiteral("agrave"), QChar(0x00E0) },
        { QStringLiteral("ccedil"), QChar(0x00E7) },
        { QStringLiteral("ntilde"), QChar(0x00F1) },
    };
    return entities;
}

// HTML named entities as the characters they stand for, so the XML reader accepts the
// text; an unknown name is escaped and so shows as written.
QString resolveHtmlEntities(const QString &html)
{
    if (!html.contains(QLatin1Char('&')))
        return html;
    static const QStringList xmlEntities { QStringLiteral("lt"), QStringLiteral("gt"), QStringLiteral("amp"),
        QStringLiteral("quot"), QStringLiteral("apos") };
    QString out;
    out.reserve(html.size());
    for (qsizetype i = 0; i < html.size(); ++i) {
        if (html[i] != QLatin1Char('&')) {
            out += html[i];
            continue;
        }
        const qsizetype semicolon = html.indexOf(QLatin1Char(';'), i + 1);
        const QString name
            = semicolon > i && semicolon - i <= 12 ? html.mid(i + 1, semicolon - i - 1) : QString();
        if (!name.isEmpty() && (name.startsWith(QLatin1Char('#')) || xmlEntities.contains(name))) {
            out += QLatin1Char('&');
        } else if (const auto it = htmlEntities().constFind(name);
                   !name.isEmpty() && it != htmlEntities().cend()) {
            out += *it;
            i = semicolon;
        } else {
            out += QLatin1String("&amp;");
        }
    }
    return out;
}

} // namespace

QString dotEscapedText(const QString &raw, const QString &nodeName)
{
    if (!raw.contains(QLatin1Char('\\')))
        return raw;
    QString out;
    out.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const QChar c = raw[i];
        if (c != QLatin1Char('\\') || i + 1 == raw.size()) {
            out += c;
            continue;
        }
        const QChar next = raw[++i];
        if (next == QLatin1Char('\\'))
            out += QLatin1Char('\\');
        else if (next == QLatin1Char('n') || next == QLatin1Char('l') || next == QLatin1Char('r'))
            out += QLatin1Char('\n');
        else if (next == QLatin1Char('N'))
            out += nodeName;
        else
            out += c, out += next;
    }
    return out;
}

QString htmlLabelText(const QString &html)
{
    QXmlStreamReader xml(QStringLiteral("<label>") + resolveHtmlEntities(html) + QStringLiteral("</label>"));
    QString text;
    auto breakLine = [&] { text += QLatin1Char('\n'); };
    while (!xml.atEnd()) {
        switch (xml.readNext()) {
        case QXmlStreamReader::Characters:
            text += xml.text();
            break;
        case QXmlStreamReader::StartElement: {
            const QString tag = xml.name().toString().toLower();
            if (tag == QLatin1String("br") || tag == QLatin1String("hr"))
                breakLine();
            else if (tag == QLatin1String("td"))
                text += QLatin1Char(' ');
            break;
        }
        case QXmlStreamReader::EndElement:
            if (xml.name().compare(QLatin1String("tr"), Qt::CaseInsensitive) == 0)
                breakLine();
            break;
        default:
            break;
        }
    }
    if (xml.hasError())
        return html;
    QStringList lines;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        const QString simple = line.simplified();
        if (!simple.isEmpty())
            lines << simple;
    }
    return lines.join(QLatin1Char('\n'));
}

QString recordLabelText(const QString &label, const QString &nodeName)
{
    QStringList fields;
    QString field;
    bool inPort = false;
    auto endField = [&] {
        const QString text = dotEscapedText(field, nodeName).trimmed();
        if (!text.isEmpty())
            fields << text;
        field.clear();
    };
    for (qsizetype i = 0; i < label.size(); ++i) {
        const QChar c = label[i];
        if (c == QLatin1Char('\\') && i + 1 < label.size()) {
            const QChar next = label[++i];
            if (inPort)
                continue;
            if (QStringView(u"{}|<> ").contains(next))
                field += next;
            else
                field += c, field += next; // for dotEscapedText
            continue;
        }
        if (inPort) {
            inPort = c != QLatin1Char('>');
            continue;
        }
        if (c == QLatin1Char('<'))
            inPort = true;
        else if (c == QLatin1Char('{') || c == QLatin1Char('}') || c == QLatin1Char('|'))
            endField();
        else
            field += c;
    }
    endField();
    return fields.join(QStringLiteral(" | "));
}

} // namespace flowbench
