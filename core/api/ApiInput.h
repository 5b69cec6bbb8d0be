#pragma once

#include "ApiServer.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace fabrica {

// Reading a request's parts the same way on every route: a JSON body (415 for another content type, 400
// for malformed JSON), bounded whole-number query parameters, and list pages.
class ApiInput
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ApiInput)

public:
    struct Page
    {
        qint64 limit = 50;
        qint64 offset = 0;
    };

    // The body as a JSON object. A body of another media type is an ErrorCode::Unsupported error whose
    // location path is "Content-Type" (ApiResponse answers it with 415).
    static Result<QJsonObject> jsonBody(const ApiServer::Request &request);
    // A whole number from 0 to largest, fallback when the parameter is absent.
    static Result<qint64> queryNumber(const QUrlQuery &query, const QString &name, qint64 fallback,
                                      qint64 largest);
    // limit (default 50, at most 500) and offset of a list.
    static Result<Page> page(const QUrlQuery &query);
    // {"items": [...], "total": n, "limit": l, "offset": o} of one page out of all items.
    static QJsonObject pageJson(const QJsonArray &items, qint64 total, const Page &page);
};

} // namespace fabrica
