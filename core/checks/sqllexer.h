#pragma once

#include <QList>
#include <QString>

namespace flowbench {

// The two SQL dialects sql checks speak. They split text differently: PostgreSQL has
// E'…' escape strings, $tag$…$tag$ quotes and nested /* */ comments; SQLite has none of
// those but quotes names in `…` and […], and its comments do not nest.
enum class SqlDialect { PostgreSQL, SQLite };

struct SqlToken
{
    enum class Kind {
        Word, // keyword or unquoted name: SELECT, orders, set_config
        QuotedName, // "name", U&"…", `name`, [name]; text holds the name itself
        String, // '…', E'…', $tag$…$tag$ (text holds the source)
        Number,
        Placeholder, // :name (text holds the name without ':')
        Parameter, // $1 (PostgreSQL); $name, @name, ?NNN (SQLite)
        Symbol, // ( ) , . :: and operator characters, one token each
        Semicolon,
    };
    Kind kind = Kind::Symbol;
    QString text;
    qsizetype begin = 0; // offsets into the source text
    qsizetype end = 0;

    // A Word equal to `keyword`, case-insensitively ("select" is SELECT).
    bool isKeyword(QLatin1String keyword) const;
    bool isSymbol(QChar c) const { return kind == Kind::Symbol && text.size() == 1 && text.at(0) == c; }
};

struct SqlLexResult
{
    QList<SqlToken> tokens; // comments and white space dropped
    QString error; // unterminated quote or comment, naming where it starts
};

// Splits SQL text into tokens the way the database's own lexer would, so that a ';' or
// a function name inside a quote or a comment is never taken for code.
SqlLexResult lexSql(const QString &text, SqlDialect dialect);

// "line 2, column 14" of a character offset, for messages.
QString describeSqlPosition(const QString &text, qsizetype offset);

} // namespace flowbench
