#pragma once

#include "common/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

#include <string_view>

struct pg_conn; // libpq's PGconn; libpq-fe.h stays out of the headers fabrica_core exports

namespace fabrica {

// One `COPY … FROM STDIN` on a QPSQL connection, through libpq (ARCHITECTURE.md, Storage: bulk paths).
// It runs on the connection's own session, so it joins a transaction opened with
// QSqlDatabase::transaction(); no QSqlQuery may be active on the connection from start() to finish().
// Use it on the thread that owns the connection. Destroying a running copy aborts it.
class PostgresCopy
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::PostgresCopy)

public:
    // Sends copySql (a COPY … FROM STDIN statement; identifiers quoted by the caller) and waits until the
    // server is ready for data.
    static Result<PostgresCopy> start(QSqlDatabase &db, const QString &copySql);

    PostgresCopy(PostgresCopy &&other) noexcept;
    PostgresCopy &operator=(PostgresCopy &&other) noexcept;
    PostgresCopy(const PostgresCopy &) = delete;
    PostgresCopy &operator=(const PostgresCopy &) = delete;
    ~PostgresCopy();

    // Sends bytes in the COPY's format; any split is fine, the server joins them. Blocks while the server
    // is busy. A row the server refuses is reported only by finish(): the server reads on to the end.
    Result<void> put(std::string_view bytes);
    // Ends the data and waits for the server's verdict; returns the rows copied, or the server's error:
    // message, detail and the line of the COPY it was at ("duplicate key value violates unique constraint
    // "t_pkey": Key (id)=(1) already exists. (COPY t, line 1)").
    Result<qint64> finish();
    // Ends the copy with an error, so the server throws away what it received (the transaction, if any,
    // is then aborted). Safe to call when not running.
    void abort(const char *reason);

    bool isRunning() const { return m_conn != nullptr; }
    qint64 bytesSent() const { return m_bytes; }

private:
    explicit PostgresCopy(pg_conn *conn)
        : m_conn(conn)
    {}
    // Reads results until libpq has none left; the first error among them, if any.
    static Result<qint64> drain(pg_conn *conn);

    pg_conn *m_conn = nullptr; // the driver's; not owned. nullptr when not running
    qint64 m_bytes = 0;
};

} // namespace fabrica
