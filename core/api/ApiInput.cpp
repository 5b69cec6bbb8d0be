#include "ApiInput.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <limits>

namespace fabrica {

namespace {

constexpr qint64 kDefaultPageSize = 50;
constexpr qint64 kLargestPage = 500;

bool isJsonType(const QByteArray &contentType)
{
    // "application/json", "application/json; charset=utf-8", "application/problem+json" …
    const QByteArray type = contentType.split(';').value(0).trimmed().toLower();
    return type == "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

} // namespace

Result<QJsonObject> ApiInput::jsonBody(const ApiServer::Request &request)
{
    if (!request.body.isEmpty() && !request.contentType.isEmpty() && !isJsonType(request.contentType))
        return makeError(ErrorCode::Unsupported,
                         tr("This route takes a JSON body (Content-Type: application/json), not %1.")
                             .arg(QString::fromLatin1(request.contentType)),
                         SourceLocation{{}, 0, 0, QStringLiteral("Content-Type")});
    QJsonParseError parsed;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parsed);
    if (parsed.error != QJsonParseError::NoError || !document.isObject()) {
        if (parsed.error != QJsonParseError::NoError) {
            // The line and column of the offset, so a client can find the mistake in what it sent.
            const QByteArray before = request.body.left(parsed.offset);
            const int line = int(before.count('\n')) + 1;
            const int column = int(parsed.offset - (before.lastIndexOf('\n') + 1)) + 1;
            return makeError(ErrorCode::InvalidInput,
                             tr("The request body must be a JSON object (%1).").arg(parsed.errorString()),
                             SourceLocation{{}, line, column, {}});
        }
        return makeError(ErrorCode::InvalidInput,
                         tr("The request body must be a JSON object (found another JSON value)."));
    }
    return document.object();
}

Result<qint64> ApiInput::queryNumber(const QUrlQuery &query, const QString &name, qint64 fallback,
                                     qint64 largest)
{
    if (!query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const qint64 value = query.queryItemValue(name).toLongLong(&ok);
    if (!ok || value < 0 || value > largest)
        return makeError(
            ErrorCode::InvalidInput,
            tr("The query parameter \"%1\" must be a whole number from 0 to %2.").arg(name).arg(largest),
            SourceLocation{{}, 0, 0, name});
    return value;
}

Result<ApiInput::Page> ApiInput::page(const QUrlQuery &query)
{
    Result<qint64> limit = queryNumber(query, QStringLiteral("limit"), kDefaultPageSize, kLargestPage);
    if (!limit)
        return limit.error();
    Result<qint64> offset = queryNumber(query, QStringLiteral("offset"), 0, std::numeric_limits<int>::max());
    if (!offset)
        return offset.error();
    return Page{limit.value(), offset.value()};
}

QJsonObject ApiInput::pageJson(const QJsonArray &items, qint64 total, const Page &page)
{
    return QJsonObject{{QStringLiteral("items"), items},
                       {QStringLiteral("total"), total},
                       {QStringLiteral("limit"), page.limit},
                       {QStringLiteral("offset"), page.offset}};
}

} // namespace fabrica
