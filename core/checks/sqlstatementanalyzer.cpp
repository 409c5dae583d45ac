#include "checks/sqlstatementanalyzer.h"

namespace flowbench {

namespace {

using Kind = SqlToken::Kind;

const QString kReadOnly = QStringLiteral("writes are refused: this sql check is read-only and spec.query");

// Functions a read-only check never calls: they act outside the transaction's read-only
// guard (another connection, the server's files, other sessions) or change state a
// rollback does not undo. A name ending in '*' matches as a prefix.
struct SideEffect
{
    const char *name;
    const char *what;
};
const SideEffect kSideEffects[] = {
    { "dblink*", "runs SQL over a connection of its own, outside the check's read-only transaction" },
    { "lo_*", "reads, writes or creates large objects and server files" },
    { "loread", "reads large objects" },
    { "lowrite", "writes large objects" },
    { "pg_file_*", "writes, renames or removes server files" },
    { "pg_logdir_ls", "lists the server's log folder" },
    { "pg_terminate_backend", "ends other sessions" },
    { "pg_cancel_backend", "cancels other sessions' queries" },
    { "pg_reload_conf", "reloads the server's configuration" },
    { "pg_rotate_logfile", "rotates the server's log" },
    { "pg_logfile_rotate", "rotates the server's log" },
    { "pg_switch_wal", "forces a WAL switch" },
    { "pg_switch_xlog", "forces a WAL switch" },
    { "pg_create_restore_point", "writes a WAL restore point" },
    { "pg_backup_*", "starts or stops a backup" },
    { "pg_start_backup", "starts a backup" },
    { "pg_stop_backup", "stops a backup" },
    { "pg_promote", "promotes a standby" },
    { "pg_wal_replay_*", "pauses or resumes WAL replay" },
    { "pg_create_*_replication_slot", "creates a replication slot" },
    { "pg_copy_*_replication_slot", "creates a replication slot" },
    { "pg_drop_replication_slot", "drops a replication slot" },
    { "pg_replication_slot_advance", "moves a replication slot" },
    { "pg_logical_slot_get_*", "consumes a replication slot's changes" },
    { "pg_logical_emit_message", "writes a WAL message" },
    { "pg_replication_origin_*", "changes replication origins" },
    { "pg_stat_reset*", "resets the server's statistics" },
    { "pg_import_system_collations", "creates collations" },
    { "pg_log_backend_memory_contexts", "writes to the server's log" },
    { "pg_advisory_*", "takes or releases an advisory lock" },
    { "pg_try_advisory_*", "takes an advisory lock" },
    { "set_config", "changes the session's settings" },
    { "pg_notify", "sends a notification to listeners" },
    { "nextval", "advances a sequence" },
    { "setval", "sets a sequence" },
    { "txid_current", "assigns a transaction id" },
    { "pg_current_xact_id", "assigns a transaction id" },
    // SQLite
    { "load_extension", "loads native code into the database" },
    { "writefile", "writes a file" },
    { "edit", "starts an editor" },
    { "fts3_tokenizer", "registers native tokenizer code" },
};

// A glob with at most one '*' against a lower-case function name.
bool matches(QLatin1String pattern, const QString &name)
{
    const qsizetype star = pattern.indexOf(QLatin1Char('*'));
    if (star < 0)
        return name == pattern;
    const QLatin1String head = pattern.left(star);
    const QLatin1String tail = pattern.mid(star + 1);
    return name.size() >= head.size() + tail.size() && name.startsWith(head) && name.endsWith(tail);
}

const SideEffect *sideEffectOf(const QString &name)
{
    for (const SideEffect &s : kSideEffects)
        if (matches(QLatin1String(s.name), name))
            return &s;
    return nullptr;
}

struct Statement
{
    QList<SqlToken> tokens;
    qsizetype semicolon = -1; // offset of the ';' that ends it, -1 at the end of the text
};

QList<Statement> splitStatements(const QList<SqlToken> &tokens)
{
    QList<Statement> statements;
    Statement current;
    for (const SqlToken &t : tokens) {
        if (t.kind == Kind::Semicolon) {
            current.semicolon = t.begin;
            if (!current.tokens.isEmpty())
                statements.append(current);
            current = Statement();
        } else {
            current.tokens.append(t);
        }
    }
    if (!current.tokens.isEmpty())
        statements.append(current);
    return statements;
}

// Words that begin a statement in PostgreSQL 15 or SQLite and that a read-only check
// refuses; any other first word is no statement at all (a typo like "SELEC").
bool isStatementKeyword(const QString &upper)
{
    static const QStringList keywords {
        QStringLiteral("ABORT"),
        QStringLiteral("ALTER"),
        QStringLiteral("ANALYZE"),
        QStringLiteral("ANALYSE"),
        QStringLiteral("ATTACH"),
        QStringLiteral("BEGIN"),
        QStringLiteral("CALL"),
        QStringLiteral("CHECKPOINT"),
        QStringLiteral("CLOSE"),
        QStringLiteral("CLUSTER"),
        QStringLiteral("COMMENT"),
        QStringLiteral("COMMIT"),
        QStringLiteral("COPY"),
        QStringLiteral("CREATE"),
        QStringLiteral("DEALLOCATE"),
        QStringLiteral("DECLARE"),
        QStringLiteral("DELETE"),
        QStringLiteral("DETACH"),
        QStringLiteral("DISCARD"),
        QStringLiteral("DO"),
        QStringLiteral("DROP"),
        QStringLiteral("END"),
        QStringLiteral("EXECUTE"),
        QStringLiteral("FETCH"),
        QStringLiteral("GRANT"),
        QStringLiteral("IMPORT"),
        QStringLiteral("INSERT"),
        QStringLiteral("LISTEN"),
        QStringLiteral("LOAD"),
        QStringLiteral("LOCK"),
        QStringLiteral("MERGE"),
        QStringLiteral("MOVE"),
        QStringLiteral("NOTIFY"),
        QStringLiteral("PRAGMA"),
        QStringLiteral("PREPARE"),
        QStringLiteral("REASSIGN"),
        QStringLiteral("REFRESH"),
        QStringLiteral("REINDEX"),
        QStringLiteral("RELEASE"),
        QStringLiteral("REPLACE"),
        QStringLiteral("RESET"),
        QStringLiteral("REVOKE"),
        QStringLiteral("ROLLBACK"),
        QStringLiteral("SAVEPOINT"),
        QStringLiteral("SECURITY"),
        QStringLiteral("SET"),
        QStringLiteral("START"),
        QStringLiteral("TRUNCATE"),
        QStringLiteral("UNLISTEN"),
        QStringLiteral("UPDATE"),
        QStringLiteral("UPSERT"),
        QStringLiteral("VACUUM"),
    };
    return keywords.contains(upper);
}

// Index of the first token after leading '(' (a statement may start "(SELECT …)").
qsizetype firstWord(const QList<SqlToken> &tokens, qsizetype from)
{
    while (from < tokens.size() && tokens.at(from).isSymbol(QLatin1Char('(')))
        ++from;
    return from;
}

// "SELECT, WITH, VALUES, TABLE, SHOW or EXPLAIN"
QString readOnlyList()
{
    QStringList kinds = SqlStatementAnalyzer::readOnlyKinds();
    const QString last = kinds.takeLast();
    return kinds.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last;
}

// The reason a read-only statement is refused; empty when it reads only.
QString readOnlyRefusal(const QString &query, const QList<SqlToken> &tokens)
{
    static const QStringList reading { QStringLiteral("SELECT"), QStringLiteral("WITH"),
        QStringLiteral("VALUES"), QStringLiteral("TABLE") };
    const QString allowedAfter
        = QStringLiteral("; a read-only check runs one %1 statement (allow_writes lifts this on "
                         "an unprotected environment)")
              .arg(readOnlyList());
    const qsizetype head = firstWord(tokens, 0);
    if (head >= tokens.size() || tokens.at(head).kind != Kind::Word)
        return QStringLiteral("spec.query: does not start with a statement keyword (%1)")
            .arg(describeSqlPosition(query, tokens.at(qMin(head, tokens.size() - 1)).begin));
    const QString kind = tokens.at(head).text.toUpper();
    if (!SqlStatementAnalyzer::readOnlyKinds().contains(kind) && isStatementKeyword(kind))
        return QStringLiteral("%1 starts with %2%3").arg(kReadOnly, kind, allowedAfter);
    if (!SqlStatementAnalyzer::readOnlyKinds().contains(kind))
        return QStringLiteral(
            "spec.query: the query starts with %1 (%2), which begins no SQL statement; a read-only "
            "check runs one %3 statement")
            .arg(tokens.at(head).text, describeSqlPosition(query, tokens.at(head).begin), readOnlyList());
    if (kind == QLatin1String("EXPLAIN")) {
        // EXPLAIN [ANALYZE] [VERBOSE] | EXPLAIN (options) | EXPLAIN QUERY PLAN: ANALYZE runs the statement.
        qsizetype i = head + 1;
        if (i < tokens.size() && tokens.at(i).isSymbol(QLatin1Char('('))) {
            int depth = 0;
            for (; i < tokens.size(); ++i) {
                depth += tokens.at(i).isSymbol(QLatin1Char('(')) ? 1
                    : tokens.at(i).isSymbol(QLatin1Char(')'))    ? -1
                                                                 : 0;
                if (depth == 0) {
                    ++i;
                    break;
                }
            }
        }
        while (i < tokens.size()
            && (tokens.at(i).isKeyword(QLatin1String("ANALYZE"))
                || tokens.at(i).isKeyword(QLatin1String("ANALYSE"))
                || tokens.at(i).isKeyword(QLatin1String("VERBOSE"))
                || tokens.at(i).isKeyword(QLatin1String("QUERY"))
                || tokens.at(i).isKeyword(QLatin1String("PLAN"))))
            ++i;
        i = firstWord(tokens, i);
        const QString inner = i < tokens.size() ? tokens.at(i).text.toUpper() : QString();
        if (!reading.contains(inner))
            return QStringLiteral("%1 explains %2%3")
                .arg(kReadOnly, inner.isEmpty() ? QStringLiteral("nothing") : inner, allowedAfter);
    }
    int depth = 0;
    for (qsizetype i = head + 1; i < tokens.size(); ++i) {
        const SqlToken &t = tokens.at(i);
        const SqlToken *previous = &tokens.at(i - 1);
        const SqlToken *next = i + 1 < tokens.size() ? &tokens.at(i + 1) : nullptr;
        const QString where = describeSqlPosition(query, t.begin);
        if (t.isSymbol(QLatin1Char('(')))
            ++depth;
        else if (t.isSymbol(QLatin1Char(')')))
            --depth;
        if (t.isKeyword(QLatin1String("FOR")) && next
            && (next->isKeyword(QLatin1String("UPDATE")) || next->isKeyword(QLatin1String("SHARE"))
                || next->isKeyword(QLatin1String("NO")) || next->isKeyword(QLatin1String("KEY"))))
            return QStringLiteral("%1 locks rows (FOR %2 at %3), which blocks writers on a shared database")
                .arg(kReadOnly, next->text.toUpper(), where);
        if (t.isKeyword(QLatin1String("INTO")))
            return QStringLiteral("%1 holds INTO at %2 (SELECT … INTO creates a table)")
                .arg(kReadOnly, where);
        // A data-modifying WITH part "(DELETE …)" or main statement "WITH … DELETE".
        const bool dml = t.isKeyword(QLatin1String("INSERT")) || t.isKeyword(QLatin1String("UPDATE"))
            || t.isKeyword(QLatin1String("DELETE")) || t.isKeyword(QLatin1String("MERGE"))
            || t.isKeyword(QLatin1String("REPLACE"));
        if (dml && (depth == 0 || previous->isSymbol(QLatin1Char('(')))
            && !(next && next->isSymbol(QLatin1Char('('))))
            return QStringLiteral("%1 holds %2 at %3 (a data-modifying statement inside a reading one)")
                .arg(kReadOnly, t.text.toUpper(), where);
        if ((t.kind == Kind::Word || t.kind == Kind::QuotedName) && next
            && next->isSymbol(QLatin1Char('('))) {
            const QString name = t.kind == Kind::Word ? t.text.toLower() : t.text;
            if (const SideEffect *effect = sideEffectOf(name))
                return QStringLiteral("%1 calls %2() at %3, which %4")
                    .arg(kReadOnly, t.text, where, QLatin1String(effect->what));
        }
    }
    return QString();
}

} // namespace

QStringList SqlStatementAnalyzer::readOnlyKinds()
{
    return { QStringLiteral("SELECT"), QStringLiteral("WITH"), QStringLiteral("VALUES"),
        QStringLiteral("TABLE"), QStringLiteral("SHOW"), QStringLiteral("EXPLAIN") };
}

QString SqlStatementAnalyzer::refusal(const QString &query, SqlDialect dialect, bool readOnly)
{
    const SqlLexResult lexed = lexSql(query, dialect);
    if (!lexed.error.isEmpty())
        return QStringLiteral("spec.query: %1").arg(lexed.error);
    const QList<Statement> statements = splitStatements(lexed.tokens);
    if (statements.isEmpty())
        return QStringLiteral("spec.query: holds no statement, only comments or ';'");
    if (statements.size() > 1)
        return QStringLiteral(
            "spec.query: holds %1 statements; a sql check runs exactly one (remove the text after the "
            "';' at %2)")
            .arg(statements.size())
            .arg(describeSqlPosition(query, statements.first().semicolon));
    return readOnly ? readOnlyRefusal(query, statements.first().tokens) : QString();
}

QString SqlStatementAnalyzer::refusal(const QString &query, bool readOnly)
{
    const QString asPostgres = refusal(query, SqlDialect::PostgreSQL, readOnly);
    if (asPostgres.isEmpty() || refusal(query, SqlDialect::SQLite, readOnly).isEmpty())
        return QString();
    return asPostgres;
}

QStringList SqlStatementAnalyzer::placeholders(const QString &query, SqlDialect dialect)
{
    QStringList names;
    for (const SqlToken &t : lexSql(query, dialect).tokens)
        if (t.kind == Kind::Placeholder && !names.contains(t.text))
            names.append(t.text);
    return names;
}

QString SqlStatementAnalyzer::statementText(const QString &query, SqlDialect dialect)
{
    const SqlLexResult lexed = lexSql(query, dialect);
    const QList<Statement> statements = splitStatements(lexed.tokens);
    if (!lexed.error.isEmpty() || statements.size() != 1)
        return query;
    const QList<SqlToken> &tokens = statements.first().tokens;
    return query.mid(tokens.first().begin, tokens.last().end - tokens.first().begin);
}

SqlStatementAnalyzer::Positional SqlStatementAnalyzer::positional(const QString &query)
{
    Positional result;
    qsizetype copied = 0;
    for (const SqlToken &t : lexSql(query, SqlDialect::PostgreSQL).tokens) {
        if (t.kind != Kind::Placeholder)
            continue;
        qsizetype index = result.names.indexOf(t.text);
        if (index < 0) {
            result.names.append(t.text);
            index = result.names.size() - 1;
        }
        result.text += QStringView(query).mid(copied, t.begin - copied);
        result.text += QLatin1Char('$') + QString::number(index + 1);
        copied = t.end;
    }
    result.text += QStringView(query).mid(copied);
    return result;
}

} // namespace flowbench
