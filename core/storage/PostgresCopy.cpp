#include "PostgresCopy.h"

#include "common/Logging.h"

#include <QSqlDriver>
#include <QVariant>

#include <libpq-fe.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <utility>

namespace fabrica {

namespace {

// One CopyData message at most: the protocol allows 1 GB, and libpq buffers a whole message.
constexpr std::size_t kMaxMessage = std::size_t(16) << 20;

// The server's error as a user reads it: the message, the detail (which key, which value) and where in
// the data it was ("COPY orders, line 3").
QString describe(const PGresult *result)
{
    const auto field = [result](int code) {
        return QString::fromUtf8(PQresultErrorField(result, code)).trimmed();
    };
    QString text = field(PG_DIAG_MESSAGE_PRIMARY);
    if (text.isEmpty())
        text = QString::fromUtf8(PQresultErrorMessage(result)).trimmed();
    if (const QString detail = field(PG_DIAG_MESSAGE_DETAIL); !detail.isEmpty())
        text += QStringLiteral(": ") + detail;
    if (const QString context = field(PG_DIAG_CONTEXT); !context.isEmpty())
        text += QStringLiteral(" (") + context.section(QLatin1Char('\n'), 0, 0) + QLatin1Char(')');
    return text;
}

QString connectionError(pg_conn *conn)
{
    return QString::fromUtf8(PQerrorMessage(conn)).trimmed();
}

} // namespace

Result<PostgresCopy> PostgresCopy::start(QSqlDatabase &db, const QString &copySql)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    // QPSQL registers the handle under libpq's struct name, "pg_conn*" (Qt 6.4); older builds said "PGconn*".
    if (!handle.isValid() ||
        (qstrcmp(handle.typeName(), "pg_conn*") != 0 && qstrcmp(handle.typeName(), "PGconn*") != 0))
        return makeError(ErrorCode::Internal, tr("COPY needs an open PostgreSQL (QPSQL) connection"));
    pg_conn *conn = *static_cast<PGconn *const *>(handle.data());
    if (!conn || PQstatus(conn) != CONNECTION_OK)
        return makeError(ErrorCode::Database, tr("the connection to the PostgreSQL server is closed"));

    PGresult *result = PQexec(conn, copySql.toUtf8().constData());
    const ExecStatusType status = PQresultStatus(result);
    if (status == PGRES_COPY_IN) {
        PQclear(result);
        qCDebug(lcStorage) << "COPY started:" << copySql.left(200);
        return PostgresCopy(conn);
    }
    const bool failed = !result || status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE ||
                        status == PGRES_NONFATAL_ERROR;
    const QString text = result ? describe(result) : connectionError(conn);
    PQclear(result);
    if (status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH)
        PQputCopyEnd(conn, "not a COPY FROM STDIN"); // leave the connection usable for the next statement
    (void)drain(conn);
    if (!failed)
        return makeError(ErrorCode::Internal, tr("not a COPY … FROM STDIN statement"));
    return makeError(ErrorCode::Database, tr("the server refused the COPY: %1").arg(text));
}

PostgresCopy::PostgresCopy(PostgresCopy &&other) noexcept
    : m_conn(std::exchange(other.m_conn, nullptr))
    , m_bytes(std::exchange(other.m_bytes, 0))
{}

PostgresCopy &PostgresCopy::operator=(PostgresCopy &&other) noexcept
{
    if (this != &other) {
        abort("replaced");
        m_conn = std::exchange(other.m_conn, nullptr);
        m_bytes = std::exchange(other.m_bytes, 0);
    }
    return *this;
}

PostgresCopy::~PostgresCopy()
{
    abort("the client stopped the copy");
}

Result<void> PostgresCopy::put(std::string_view bytes)
{
    if (!m_conn)
        return makeError(ErrorCode::Internal, tr("no COPY is running"));
    while (!bytes.empty()) {
        const std::size_t n = std::min(bytes.size(), kMaxMessage);
        if (PQputCopyData(m_conn, bytes.data(), int(n)) != 1) {
            // The connection failed; the server's own error, if it sent one, says more.
            const QString lost = connectionError(m_conn);
            pg_conn *conn = std::exchange(m_conn, nullptr);
            PQputCopyEnd(conn, "the client could not send");
            const Result<qint64> drained = drain(conn);
            if (!drained)
                return drained.error();
            return makeError(ErrorCode::Database, tr("cannot send the data to the server: %1").arg(lost));
        }
        m_bytes += qint64(n);
        bytes.remove_prefix(n);
    }
    return {};
}

Result<qint64> PostgresCopy::finish()
{
    if (!m_conn)
        return makeError(ErrorCode::Internal, tr("no COPY is running"));
    pg_conn *conn = std::exchange(m_conn, nullptr);
    if (PQputCopyEnd(conn, nullptr) != 1) {
        const QString lost = connectionError(conn);
        const Result<qint64> drained = drain(conn);
        if (!drained)
            return drained.error();
        return makeError(ErrorCode::Database, tr("cannot end the COPY: %1").arg(lost));
    }
    const Result<qint64> rows = drain(conn);
    if (rows)
        qCDebug(lcStorage) << "COPY finished:" << *rows << "rows," << m_bytes << "bytes";
    return rows;
}

void PostgresCopy::abort(const char *reason)
{
    if (!m_conn)
        return;
    pg_conn *conn = std::exchange(m_conn, nullptr);
    PQputCopyEnd(conn, reason);
    (void)drain(conn); // the server's answer is the expected "COPY from stdin failed: <reason>"
    qCDebug(lcStorage) << "COPY aborted:" << reason;
}

Result<qint64> PostgresCopy::drain(pg_conn *conn)
{
    std::optional<Error> error;
    qint64 rows = 0;
    while (PGresult *result = PQgetResult(conn)) {
        const ExecStatusType status = PQresultStatus(result);
        if (status == PGRES_COMMAND_OK) {
            rows = std::strtoll(PQcmdTuples(result), nullptr, 10);
        } else if (status == PGRES_COPY_IN) {
            // Still expecting data (a failed end): end it for good, or this loop would not stop.
            PQclear(result);
            if (PQputCopyEnd(conn, "ended") != 1)
                break;
            continue;
        } else if (!error) {
            const QString text = describe(result);
            error = makeError(ErrorCode::Database, text);
        }
        PQclear(result);
    }
    if (error)
        return *error;
    return rows;
}

} // namespace fabrica
