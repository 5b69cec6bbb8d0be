#pragma once

#include "common/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHttpServerResponse>
#include <QJsonValue>
#include <QString>

namespace fabrica {

// The API's one shape of a response: JSON with a charset, never cached, never sniffed; errors as
// {"error": {"code", "message", "details"}} with the HTTP status of the core ErrorCode.
class ApiResponse
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ApiResponse)

public:
    using Status = QHttpServerResponse::StatusCode;

    static QHttpServerResponse json(const QJsonValue &body, Status status = Status::Ok);
    // JSON written already (a schema document in its canonical form), sent as it is.
    static QHttpServerResponse jsonText(const QByteArray &json, Status status = Status::Ok);
    static QHttpServerResponse empty(Status status = Status::NoContent);
    // A core error: its status and code; internal failures keep their message for the log only.
    static QHttpServerResponse error(const Error &error);
    static QHttpServerResponse error(Status status, const QString &code, const QString &message,
                                     const QJsonValue &details = QJsonValue());

    static Status statusOf(ErrorCode code);
    static QString codeId(ErrorCode code);
    static QByteArray errorBody(const QString &code, const QString &message,
                                const QJsonValue &details = QJsonValue());
    // A whole HTTP/1.1 error response that closes the connection, for the socket guard (which answers
    // before QHttpServer has seen the request).
    static QByteArray rawError(int status, const QByteArray &reason, const QString &code,
                               const QString &message);

private:
    static void addSecurityHeaders(QHttpServerResponse &response);
};

} // namespace fabrica
