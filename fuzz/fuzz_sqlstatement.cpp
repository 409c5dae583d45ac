// The SQL statement analyzer of sql checks (checks/sqllexer, sqlstatementanalyzer): the
// first byte picks the dialect (bit 0: SQLite) and read-only (bit 1), the rest is the
// query. Besides never crashing, what decides safety must agree with itself:
//  - tokens lie inside the text, in order, without overlapping;
//  - a query the analyzer lets run is one statement, and the statement text a driver is
//    given (statementText) is let run too and lexes to one statement without ';';
//  - positional() numbers exactly the placeholders placeholders() finds.
#include "fuzzsupport.h"

#include "checks/sqllexer.h"
#include "checks/sqlstatementanalyzer.h"

using namespace flowbench;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQtMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const SqlDialect dialect = data[0] & 1 ? SqlDialect::SQLite : SqlDialect::PostgreSQL;
    const bool readOnly = data[0] & 2;
    const QString query = QString::fromUtf8(reinterpret_cast<const char *>(data) + 1, qsizetype(size) - 1);

    const SqlLexResult lexed = lexSql(query, dialect);
    qsizetype previousEnd = 0;
    for (const SqlToken &t : lexed.tokens) {
        if (t.begin < previousEnd || t.end < t.begin || t.end > query.size())
            fuzz::broken("a token outside the text or out of order",
                         QStringLiteral("[%1, %2) after %3 in %4").arg(t.begin).arg(t.end).arg(previousEnd).arg(query));
        previousEnd = t.end;
        (void)describeSqlPosition(query, t.begin);
    }

    const QString refusal = SqlStatementAnalyzer::refusal(query, dialect, readOnly);
    (void)SqlStatementAnalyzer::refusal(query, readOnly);
    if (refusal.isEmpty()) {
        const QString statement = SqlStatementAnalyzer::statementText(query, dialect);
        const QString again = SqlStatementAnalyzer::refusal(statement, dialect, readOnly);
        if (!again.isEmpty())
            fuzz::broken("the statement text of an allowed query is refused",
                         QStringLiteral("%1\n---\n%2\n---\n%3").arg(query, statement, again));
        const SqlLexResult statementTokens = lexSql(statement, dialect);
        if (!statementTokens.error.isEmpty())
            fuzz::broken("the statement text of an allowed query does not lex", statement + QLatin1Char('\n') + statementTokens.error);
        for (const SqlToken &t : statementTokens.tokens)
            if (t.kind == SqlToken::Kind::Semicolon)
                fuzz::broken("the statement text of an allowed query holds a ';'", statement);
    }

    const QStringList names = SqlStatementAnalyzer::placeholders(query);
    const SqlStatementAnalyzer::Positional positional = SqlStatementAnalyzer::positional(query);
    if (positional.names != names)
        fuzz::broken("positional() and placeholders() disagree",
                     QStringLiteral("%1\n%2 / %3").arg(query, positional.names.join(QLatin1Char(',')), names.join(QLatin1Char(','))));
    (void)SqlStatementAnalyzer::placeholders(query, dialect);
    return 0;
}
