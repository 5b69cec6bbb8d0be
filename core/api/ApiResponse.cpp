#include "ApiResponse.h"

#include "common/Logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fabrica {

namespace {

const QByteArray kJsonType = QByteArrayLiteral("application/json; charset=utf-8");

} // namespace

void ApiResponse::addSecurityHeaders(QHttpServerResponse &response)
{
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    response.setHeader(QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff"));
}

QHttpServerResponse ApiResponse::json(const QJsonValue &body, Status status)
{
    QByteArray data;
    if (body.isObject())
        data = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    else if (body.isArray())
        data = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    QHttpServerResponse response(kJsonType, data, status);
    addSecurityHeaders(response);
    return response;
}

QHttpServerResponse ApiResponse::jsonText(const QByteArray &json, Status status)
{
    QHttpServerResponse response(kJsonType, json, status);
    addSecurityHeaders(response);
    return response;
}

QHttpServerResponse ApiResponse::empty(Status status)
{
    QHttpServerResponse response(kJsonType, QByteArray(), status);
    addSecurityHeaders(response);
    return response;
}

QHttpServerResponse ApiResponse::error(const Error &error)
{
    Status status = statusOf(error.code);
    // A body of a media type the route does not take (ApiInput::jsonBody says so by the location).
    if (error.code == ErrorCode::Unsupported && error.where.path == QLatin1String("Content-Type"))
        status = Status::UnsupportedMediaType;
    QString message = error.message;
    if (int(status) >= 500) {
        // Storage and internal failures may name tables, hosts or files: the log keeps them, the client
        // gets a message without them.
        qCWarning(lcApi).noquote() << "request failed:" << error.toString();
        message = tr("The server could not complete the request; its log has the details.");
    }
    QJsonObject details;
    if (!error.where.path.isEmpty())
        details.insert(QStringLiteral("path"), error.where.path);
    if (error.where.line > 0) {
        details.insert(QStringLiteral("line"), error.where.line);
        details.insert(QStringLiteral("column"), error.where.column);
    }
    QHttpServerResponse response = ApiResponse::error(status, codeId(error.code), message,
                                                      details.isEmpty() ? QJsonValue() : QJsonValue(details));
    return response;
}

QHttpServerResponse ApiResponse::error(Status status, const QString &code, const QString &message,
                                       const QJsonValue &details)
{
    QHttpServerResponse response(kJsonType, errorBody(code, message, details), status);
    addSecurityHeaders(response);
    if (status == Status::Unauthorized)
        response.setHeader(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer"));
    return response;
}

ApiResponse::Status ApiResponse::statusOf(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidInput:
        return Status::BadRequest;
    case ErrorCode::Validation:
    case ErrorCode::Unsupported:
        return Status::UnprocessableEntity;
    case ErrorCode::NotFound:
        return Status::NotFound;
    case ErrorCode::AlreadyExists:
    case ErrorCode::Conflict:
    case ErrorCode::Cancelled:
        return Status::Conflict;
    case ErrorCode::PermissionDenied:
        return Status::Forbidden;
    case ErrorCode::Unauthenticated:
        return Status::Unauthorized;
    case ErrorCode::Database:
        return Status::ServiceUnavailable;
    case ErrorCode::Io:
    case ErrorCode::Internal:
        break;
    }
    return Status::InternalServerError;
}

QString ApiResponse::codeId(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidInput:
        return QStringLiteral("invalid_input");
    case ErrorCode::Validation:
        return QStringLiteral("validation");
    case ErrorCode::NotFound:
        return QStringLiteral("not_found");
    case ErrorCode::AlreadyExists:
        return QStringLiteral("already_exists");
    case ErrorCode::Conflict:
        return QStringLiteral("conflict");
    case ErrorCode::Io:
        return QStringLiteral("io");
    case ErrorCode::Database:
        return QStringLiteral("storage_unavailable");
    case ErrorCode::Unsupported:
        return QStringLiteral("unsupported");
    case ErrorCode::PermissionDenied:
        return QStringLiteral("forbidden");
    case ErrorCode::Unauthenticated:
        return QStringLiteral("unauthenticated");
    case ErrorCode::Cancelled:
        return QStringLiteral("cancelled");
    case ErrorCode::Internal:
        break;
    }
    return QStringLiteral("internal");
}

QByteArray ApiResponse::errorBody(const QString &code, const QString &message, const QJsonValue &details)
{
    QJsonObject error{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    error.insert(QStringLiteral("details"), details.isUndefined() ? QJsonValue() : details);
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), error}}).toJson(QJsonDocument::Compact);
}

QByteArray ApiResponse::rawError(int status, const QByteArray &reason, const QString &code,
                                 const QString &message)
{
    const QByteArray body = errorBody(code, message);
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    out += "Content-Type: " + kJsonType + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n";
    return out + body;
}

} // namespace fabrica
