#include "checks/sqllexer.h"

namespace flowbench {

namespace {

bool isNameStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_') || c.unicode() >= 0x80;
}

bool isNameChar(QChar c, SqlDialect dialect)
{
    return isNameStart(c) || c.isDigit() || (dialect == SqlDialect::PostgreSQL && c == QLatin1Char('$'));
}

// Decodes the \XXXX and \+XXXXXX escapes of a PostgreSQL U&"…" name (escape character
// `escape`, '\' unless UESCAPE names another), so U&"\0073et_config" reads set_config.
QString decodeUnicodeEscapes(const QString &name, QChar escape)
{
    QString out;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        if (c != escape || i + 1 >= name.size()) {
            out += c;
            continue;
        }
        if (name.at(i + 1) == escape) {
            out += escape;
            ++i;
            continue;
        }
        const bool wide = name.at(i + 1) == QLatin1Char('+');
        const qsizetype digits = wide ? 6 : 4;
        const qsizetype start = i + (wide ? 2 : 1);
        bool ok = false;
        const uint code = name.mid(start, digits).toUInt(&ok, 16);
        if (!ok || start + digits > name.size()) {
            out += c;
            continue;
        }
        out += QString::fromUcs4(reinterpret_cast<const char32_t *>(&code), 1);
        i = start + digits - 1;
    }
    return out;
}

class Lexer
{
public:
    Lexer(const QString &text, SqlDialect dialect)
        : m_text(text)
        , m_dialect(dialect)
    {
    }

    SqlLexResult run()
    {
        while (m_pos < m_text.size() && m_result.error.isEmpty())
            step();
        return std::move(m_result);
    }

private:
    QChar at(qsizetype i) const { return i < m_text.size() ? m_text.at(i) : QChar(); }
    bool pg() const { return m_dialect == SqlDialect::PostgreSQL; }

    void push(SqlToken::Kind kind, qsizetype begin, qsizetype end, QString text)
    {
        SqlToken token;
        token.kind = kind;
        token.begin = begin;
        token.end = end;
        token.text = std::move(text);
        m_result.tokens.append(std::move(token));
        m_pos = end;
    }
    void fail(const QString &what, qsizetype begin)
    {
        m_result.error = QStringLiteral("%1 starting at %2 is never closed")
                             .arg(what, describeSqlPosition(m_text, begin));
    }

    void step()
    {
        const qsizetype begin = m_pos;
        const QChar c = at(m_pos);
        const QChar next = at(m_pos + 1);
        if (c.isSpace()) {
            ++m_pos;
        } else if (c == QLatin1Char('-') && next == QLatin1Char('-')) {
            const qsizetype newline = m_text.indexOf(QLatin1Char('\n'), m_pos);
            m_pos = newline < 0 ? m_text.size() : newline + 1;
        } else if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
            blockComment(begin);
        } else if (c == QLatin1Char('\'')) {
            quoted(begin, begin, QLatin1Char('\''), SqlToken::Kind::String, false);
        } else if (c == QLatin1Char('"')) {
            quoted(begin, begin, QLatin1Char('"'), SqlToken::Kind::QuotedName, false);
        } else if (!pg() && c == QLatin1Char('`')) {
            quoted(begin, begin, QLatin1Char('`'), SqlToken::Kind::QuotedName, false);
        } else if (!pg() && c == QLatin1Char('[')) {
            const qsizetype close = m_text.indexOf(QLatin1Char(']'), m_pos + 1);
            if (close < 0)
                return fail(QStringLiteral("a [name]"), begin);
            push(SqlToken::Kind::QuotedName, begin, close + 1, m_text.mid(begin + 1, close - begin - 1));
        } else if (pg() && (c == QLatin1Char('u') || c == QLatin1Char('U')) && next == QLatin1Char('&')
            && (at(m_pos + 2) == QLatin1Char('\'') || at(m_pos + 2) == QLatin1Char('"'))) {
            const QChar quote = at(m_pos + 2);
            quoted(begin, begin + 2, quote,
                quote == QLatin1Char('"') ? SqlToken::Kind::QuotedName : SqlToken::Kind::String, false);
            if (quote == QLatin1Char('"') && m_result.error.isEmpty())
                unicodeName();
        } else if (pg() && (c == QLatin1Char('e') || c == QLatin1Char('E')) && next == QLatin1Char('\'')) {
            quoted(begin, begin + 1, QLatin1Char('\''), SqlToken::Kind::String, true);
        } else if (c == QLatin1Char('$') && pg()) {
            dollar(begin);
        } else if (!pg() && (c == QLatin1Char('$') || c == QLatin1Char('@') || c == QLatin1Char('?'))) {
            qsizetype end = m_pos + 1;
            while (end < m_text.size() && isNameChar(at(end), m_dialect))
                ++end;
            push(end > m_pos + 1 ? SqlToken::Kind::Parameter : SqlToken::Kind::Symbol, begin, end,
                m_text.mid(begin, end - begin));
        } else if (c == QLatin1Char(':')) {
            colon(begin);
        } else if (c.isDigit() || (c == QLatin1Char('.') && next.isDigit())) {
            number(begin);
        } else if (isNameStart(c)) {
            qsizetype end = m_pos + 1;
            while (end < m_text.size() && isNameChar(at(end), m_dialect))
                ++end;
            push(SqlToken::Kind::Word, begin, end, m_text.mid(begin, end - begin));
        } else if (c == QLatin1Char(';')) {
            push(SqlToken::Kind::Semicolon, begin, begin + 1, QStringLiteral(";"));
        } else {
            push(SqlToken::Kind::Symbol, begin, begin + 1, QString(c));
        }
    }

    // PostgreSQL nests /* */ comments; SQLite ends one at the first */ and lets an
    // unclosed one run to the end of the text.
    void blockComment(qsizetype begin)
    {
        int depth = 0;
        qsizetype i = m_pos;
        while (i < m_text.size()) {
            if (at(i) == QLatin1Char('/') && at(i + 1) == QLatin1Char('*')) {
                if (depth == 0 || pg())
                    ++depth;
                i += 2;
            } else if (at(i) == QLatin1Char('*') && at(i + 1) == QLatin1Char('/')) {
                i += 2;
                if (--depth == 0) {
                    m_pos = i;
                    return;
                }
            } else {
                ++i;
            }
        }
        if (pg())
            return fail(QStringLiteral("a /* comment"), begin);
        m_pos = m_text.size();
    }

    // A quote from `open` (the quote character) to its close; a doubled quote is one
    // character of the text, and in an E'…' string a backslash escapes the next one.
    void quoted(qsizetype begin, qsizetype open, QChar quote, SqlToken::Kind kind, bool backslashEscapes)
    {
        QString inner;
        qsizetype i = open + 1;
        while (i < m_text.size()) {
            const QChar c = at(i);
            if (backslashEscapes && c == QLatin1Char('\\') && i + 1 < m_text.size()) {
                inner += at(i + 1);
                i += 2;
            } else if (c == quote && at(i + 1) == quote) {
                inner += quote;
                i += 2;
            } else if (c == quote) {
                push(kind, begin, i + 1,
                    kind == SqlToken::Kind::QuotedName ? inner : m_text.mid(begin, i + 1 - begin));
                return;
            } else {
                inner += c;
                ++i;
            }
        }
        fail(kind == SqlToken::Kind::QuotedName ? QStringLiteral("a quoted name")
                                                : QStringLiteral("a quoted string"),
            begin);
    }

    // U&"…" [UESCAPE 'c']: the name as the server reads it.
    void unicodeName()
    {
        SqlToken &name = m_result.tokens.last();
        QChar escape = QLatin1Char('\\');
        Lexer ahead(m_text, m_dialect);
        ahead.m_pos = m_pos;
        while (
            ahead.m_pos < m_text.size() && ahead.m_result.tokens.size() < 2 && ahead.m_result.error.isEmpty())
            ahead.step();
        const auto &more = ahead.m_result.tokens;
        if (more.size() == 2 && more.at(0).isKeyword(QLatin1String("UESCAPE"))
            && more.at(1).kind == SqlToken::Kind::String && more.at(1).text.size() == 3) {
            escape = more.at(1).text.at(1);
            m_pos = more.at(1).end;
        }
        name.text = decodeUnicodeEscapes(name.text, escape);
    }

    // $1 is a parameter; $tag$…$tag$ (tag possibly empty) is a string; a '$' inside a
    // name was taken by the name already.
    void dollar(qsizetype begin)
    {
        if (at(m_pos + 1).isDigit()) {
            qsizetype end = m_pos + 1;
            while (at(end).isDigit())
                ++end;
            return push(SqlToken::Kind::Parameter, begin, end, m_text.mid(begin, end - begin));
        }
        qsizetype end = m_pos + 1;
        if (isNameStart(at(end)) && at(end) != QLatin1Char('$'))
            while (end < m_text.size() && isNameChar(at(end), SqlDialect::SQLite))
                ++end;
        if (at(end) != QLatin1Char('$'))
            return push(SqlToken::Kind::Symbol, begin, begin + 1, QStringLiteral("$"));
        const QString delimiter = m_text.mid(begin, end + 1 - begin);
        const qsizetype close = m_text.indexOf(delimiter, end + 1);
        if (close < 0)
            return fail(QStringLiteral("a %1 quote").arg(delimiter), begin);
        push(SqlToken::Kind::String, begin, close + delimiter.size(),
            m_text.mid(begin, close + delimiter.size() - begin));
    }

    // "::" is a cast; ":name" a placeholder; any other ':' (slices, ":=") a symbol.
    void colon(qsizetype begin)
    {
        if (at(m_pos + 1) == QLatin1Char(':'))
            return push(SqlToken::Kind::Symbol, begin, begin + 2, QStringLiteral("::"));
        if (isNameStart(at(m_pos + 1)) && at(m_pos + 1) != QLatin1Char('$')) {
            qsizetype end = m_pos + 1;
            while (end < m_text.size() && isNameChar(at(end), SqlDialect::SQLite))
                ++end;
            return push(SqlToken::Kind::Placeholder, begin, end, m_text.mid(begin + 1, end - begin - 1));
        }
        push(SqlToken::Kind::Symbol, begin, begin + 1, QStringLiteral(":"));
    }

    void number(qsizetype begin)
    {
        qsizetype end = m_pos;
        while (end < m_text.size()) {
            const QChar c = at(end);
            if (c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('.'))
                ++end;
            else if ((c == QLatin1Char('+') || c == QLatin1Char('-'))
                && (at(end - 1) == QLatin1Char('e') || at(end - 1) == QLatin1Char('E')))
                ++end;
            else
                break;
        }
        push(SqlToken::Kind::Number, begin, end, m_text.mid(begin, end - begin));
    }

    const QString &m_text;
    SqlDialect m_dialect;
    qsizetype m_pos = 0;
    SqlLexResult m_result;
};

} // namespace

bool SqlToken::isKeyword(QLatin1String keyword) const
{
    return kind == Kind::Word && text.compare(keyword, Qt::CaseInsensitive) == 0;
}

SqlLexResult lexSql(const QString &text, SqlDialect dialect)
{
    return Lexer(text, dialect).run();
}

QString describeSqlPosition(const QString &text, qsizetype offset)
{
    const QStringView before = QStringView(text).left(offset);
    const qsizetype line = before.count(QLatin1Char('\n')) + 1;
    const qsizetype lineStart = before.lastIndexOf(QLatin1Char('\n')) + 1;
    return QStringLiteral("line %1, column %2").arg(line).arg(offset - lineStart + 1);
}

} // namespace flowbench
