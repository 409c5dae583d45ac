#include "checks/pgconnection.h"

#include <QRegularExpression>
#include <libpq-fe.h>
#include <poll.h>

namespace flowbench {

namespace {

struct ResultClear
{
    void operator()(PGresult *result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultClear>;

// libpq's words on one line, without the "connection to server at …, port … failed:"
// and "FATAL:" framing (the message around it names the server already).
QString oneLine(const char *text)
{
    QString s = QString::fromUtf8(text).simplified();
    static const QRegularExpression framing(
        QStringLiteral(R"(connection to server (at|on) [^,]*(, port \d+)? failed:\s*|\b(FATAL|ERROR):\s*)"));
    s.remove(framing);
    return s.trimmed();
}

QString field(const PGresult *result, int code)
{
    const char *value = PQresultErrorField(result, code);
    return value ? QString::fromUtf8(value) : QString();
}

} // namespace

void PgConnection::Finish::operator()(pg_conn *connection) const
{
    PQfinish(connection);
}

PgConnection::PgConnection(pg_conn *connection, std::shared_ptr<PgCancelSwitch> cancel)
    : m_connection(connection)
    , m_cancel(cancel ? std::move(cancel) : std::make_shared<PgCancelSwitch>())
{
}

PgConnection::PgConnection(PgConnection &&) noexcept = default;
PgConnection &PgConnection::operator=(PgConnection &&) noexcept = default;

PgConnection::~PgConnection() = default;

Result<PgConnection::Parameters> PgConnection::parseOptions(const QString &options)
{
    using R = Result<Parameters>;
    Parameters parameters;
    QString conninfo = options;
    conninfo.replace(QLatin1Char(';'), QLatin1Char(' '));
    if (conninfo.trimmed().isEmpty())
        return parameters;
    char *error = nullptr;
    PQconninfoOption *parsed = PQconninfoParse(conninfo.toUtf8().constData(), &error);
    if (!parsed) {
        const QString cause = error ? oneLine(error) : QStringLiteral("out of memory");
        PQfreemem(error);
        return R::failure(cause);
    }
    for (const PQconninfoOption *o = parsed; o->keyword; ++o)
        if (o->val)
            parameters.append({ QByteArray(o->keyword), QByteArray(o->val) });
    PQconninfoFree(parsed);
    return parameters;
}

Result<PgConnection> PgConnection::open(
    const Parameters &parameters, QDeadlineTimer deadline, std::shared_ptr<PgCancelSwitch> cancel)
{
    using R = Result<PgConnection>;
    std::vector<const char *> keys;
    std::vector<const char *> values;
    for (const auto &p : parameters) {
        keys.push_back(p.first.constData());
        values.push_back(p.second.constData());
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);
    PGconn *raw = PQconnectStartParams(keys.data(), values.data(), 0);
    if (!raw)
        return R::failure(QStringLiteral("libpq is out of memory"));
    PgConnection connection(raw, std::move(cancel));
    if (PQstatus(raw) == CONNECTION_BAD)
        return R::failure(oneLine(PQerrorMessage(raw)));
    PostgresPollingStatusType state = PGRES_POLLING_WRITING;
    while (state != PGRES_POLLING_OK) {
        if (state == PGRES_POLLING_FAILED)
            return R::failure(oneLine(PQerrorMessage(raw)));
        if (!connection.wait(state == PGRES_POLLING_WRITING, deadline))
            return R::failure(connection.m_cancel->isCancelled() ? QStringLiteral("cancelled")
                                                                 : QStringLiteral("no answer in time"));
        state = PQconnectPoll(raw);
    }
    return R(std::move(connection));
}

// Waits for the socket, in short slices so that a flipped cancel switch is seen even
// before the server could be told. False when the deadline passed or the switch flipped.
bool PgConnection::wait(bool forWrite, QDeadlineTimer deadline)
{
    for (;;) {
        if (m_cancel->isCancelled() || deadline.hasExpired())
            return false;
        pollfd fd { PQsocket(m_connection.get()), short(forWrite ? POLLOUT : POLLIN), 0 };
        if (fd.fd < 0)
            return true; // let libpq report the broken connection
        const int slice = int(qMin<qint64>(100, qMax<qint64>(1, deadline.remainingTime())));
        const int ready = ::poll(&fd, 1, deadline.isForever() ? 100 : slice);
        if (ready != 0)
            return true; // ready, or an error libpq reports next
    }
}

void PgConnection::interrupt()
{
    if (PGcancel *handle = PQgetCancel(m_connection.get())) {
        char error[256];
        PQcancel(handle, error, int(sizeof error));
        PQfreeCancel(handle);
    }
}

// Reads what is left of an interrupted statement, for a bounded time, so the
// connection can be used (ROLLBACK) or at least closed cleanly.
void PgConnection::drain(QDeadlineTimer deadline)
{
    PGconn *c = m_connection.get();
    for (;;) {
        while (PQisBusy(c)) {
            if (deadline.hasExpired())
                return;
            pollfd fd { PQsocket(c), POLLIN, 0 };
            if (fd.fd < 0
                || ::poll(&fd, 1, int(qMax<qint64>(1, qMin<qint64>(100, deadline.remainingTime())))) < 0)
                return;
            if (!PQconsumeInput(c))
                return;
        }
        ResultPtr result(PQgetResult(c));
        if (!result)
            return;
        const ExecStatusType status = PQresultStatus(result.get());
        if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH)
            return;
    }
}

PgReply PgConnection::exec(const QByteArray &sql, const std::vector<std::optional<QByteArray>> &parameters,
    QDeadlineTimer deadline, int maxRows)
{
    PgReply reply;
    PGconn *c = m_connection.get();
    if (m_cancel->isCancelled()) {
        reply.end = PgReply::End::Cancelled;
        return reply;
    }
    std::vector<const char *> values;
    for (const auto &p : parameters)
        values.push_back(p ? p->constData() : nullptr);
    // Text parameters of unknown type: the server infers each from where it is used.
    if (!PQsendQueryParams(
            c, sql.constData(), int(values.size()), nullptr, values.data(), nullptr, nullptr, 0)) {
        reply.message = oneLine(PQerrorMessage(c));
        return reply;
    }
    if (maxRows > 0)
        PQsetSingleRowMode(c); // rows arrive one by one: the limit bounds memory too
    bool failed = false;
    bool limited = false;
    for (;;) {
        while (PQisBusy(c)) {
            if (!wait(false, deadline)) {
                reply.end = m_cancel->isCancelled() ? PgReply::End::Cancelled : PgReply::End::TimedOut;
                interrupt();
                drain(QDeadlineTimer(2000));
                return reply;
            }
            if (!PQconsumeInput(c)) {
                reply.end = PgReply::End::Failed;
                reply.message = oneLine(PQerrorMessage(c));
                return reply;
            }
        }
        ResultPtr result(PQgetResult(c));
        if (!result)
            break;
        PGresult *r = result.get();
        switch (PQresultStatus(r)) {
        case PGRES_SINGLE_TUPLE:
        case PGRES_TUPLES_OK: {
            reply.returnsRows = true;
            const int fields = PQnfields(r);
            if (reply.columns.isEmpty() && fields > 0) {
                for (int i = 0; i < fields; ++i) {
                    reply.columns.append(QString::fromUtf8(PQfname(r, i)));
                    reply.types.push_back(PQftype(r, i));
                }
            }
            for (int row = 0; row < PQntuples(r) && !limited; ++row) {
                if (maxRows > 0 && int(reply.rows.size()) >= maxRows) {
                    limited = true;
                    interrupt(); // the server stops producing rows nobody reads
                    break;
                }
                std::vector<std::optional<QByteArray>> values;
                values.reserve(size_t(fields));
                for (int i = 0; i < fields; ++i)
                    values.push_back(PQgetisnull(r, row, i)
                            ? std::nullopt
                            : std::optional<QByteArray>(
                                QByteArray(PQgetvalue(r, row, i), PQgetlength(r, row, i))));
                reply.rows.push_back(std::move(values));
            }
            break;
        }
        case PGRES_COMMAND_OK:
            reply.affected = QByteArray(PQcmdTuples(r)).toLongLong();
            break;
        case PGRES_COPY_IN:
            PQputCopyEnd(c, "a sql check sends no COPY data");
            break;
        case PGRES_COPY_OUT:
        case PGRES_COPY_BOTH:
            // Not a check's business; ending the connection is the only clean way out.
            reply.end = PgReply::End::Failed;
            reply.message = QStringLiteral("COPY to the client is not supported by sql checks");
            return reply;
        default:
            if (!failed && !limited) {
                failed = true;
                reply.sqlState = field(r, PG_DIAG_SQLSTATE);
                reply.message = field(r, PG_DIAG_MESSAGE_PRIMARY);
                if (reply.message.isEmpty())
                    reply.message = oneLine(PQresultErrorMessage(r));
            }
            break;
        }
    }
    if (limited)
        reply.end = PgReply::End::RowLimit;
    else if (!failed)
        reply.end = PgReply::End::Done;
    else if (reply.sqlState == QLatin1String("57014"))
        reply.end = m_cancel->isCancelled() ? PgReply::End::Cancelled : PgReply::End::TimedOut;
    else
        reply.end = PgReply::End::Failed;
    return reply;
}

} // namespace flowbench
