#pragma once

#include "result.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <atomic>
#include <memory>
#include <optional>
#include <vector>

struct pg_conn;

namespace flowbench {

// Flipped by another thread to stop what a PgConnection is doing. The connection looks
// at it at least every 100 ms while it waits and then sends the server a cancel request
// (PQcancel) from its own thread: cancel() itself never touches the network, so the
// runner's (the GUI's) thread never blocks on it.
class PgCancelSwitch
{
public:
    void cancel() { m_cancelled = true; }
    bool isCancelled() const { return m_cancelled; }

private:
    std::atomic<bool> m_cancelled { false };
};

// What one statement answered. Rows hold the server's text values (nullopt = NULL).
struct PgReply
{
    enum class End { Done, Failed, TimedOut, Cancelled, RowLimit };
    End end = End::Failed;
    QString sqlState; // "25006" for a write in a read-only transaction
    QString message; // the server's or libpq's words on one line
    QStringList columns;
    std::vector<unsigned int> types; // column type OIDs (PQftype)
    std::vector<std::vector<std::optional<QByteArray>>> rows;
    bool returnsRows = false;
    qint64 affected = 0; // rows an INSERT/UPDATE/DELETE touched

    bool ok() const { return end == End::Done; }
};

// One libpq connection (PGconn), closed with PQfinish when it goes. Every wait is
// bounded by a deadline and ends early when the cancel switch flips; statements go
// through the extended query protocol (PQsendQueryParams), which the server refuses
// for a text of more than one statement.
class PgConnection
{
public:
    using Parameters = QList<QPair<QByteArray, QByteArray>>; // libpq keyword -> value

    PgConnection(PgConnection &&) noexcept;
    PgConnection &operator=(PgConnection &&) noexcept;
    ~PgConnection();

    // Opens a connection; the error is libpq's cause ("password authentication failed
    // for user …", "no answer within 2000 ms").
    static Result<PgConnection> open(
        const Parameters &parameters, QDeadlineTimer deadline, std::shared_ptr<PgCancelSwitch> cancel);
    // Parses a connection's extra options ("sslmode=require;options='-c x=y'", the
    // Qt QPSQL form with ';' or spaces) into libpq keywords; unknown keywords are errors.
    static Result<Parameters> parseOptions(const QString &options);

    // Runs one statement with text parameters (nullopt = NULL) and collects at most
    // maxRows rows (one more ends it with RowLimit, the server told to stop). A passed
    // deadline or a flipped cancel switch cancels the statement on the server.
    PgReply exec(const QByteArray &sql, const std::vector<std::optional<QByteArray>> &parameters,
        QDeadlineTimer deadline, int maxRows = 0);
    // A statement without parameters or rows of interest (BEGIN, ROLLBACK).
    PgReply exec(const QByteArray &sql, QDeadlineTimer deadline) { return exec(sql, {}, deadline); }

private:
    struct Finish
    {
        void operator()(pg_conn *connection) const;
    };
    PgConnection(pg_conn *connection, std::shared_ptr<PgCancelSwitch> cancel);
    bool wait(bool forWrite, QDeadlineTimer deadline);
    void drain(QDeadlineTimer deadline);
    void interrupt();

    std::unique_ptr<pg_conn, Finish> m_connection;
    std::shared_ptr<PgCancelSwitch> m_cancel;
};

} // namespace flowbench
