#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace fabrica {

// The parts of a multipart/form-data body (RFC 7578), for uploads of several files in one request;
// QHttpServer 6.4 has no reader of its own. Malformed bodies are ErrorCode::InvalidInput.
class MultipartForm
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::MultipartForm)

public:
    struct Part
    {
        QString name;     // the form field
        QString fileName; // empty for a field that is not a file
        QByteArray contentType;
        QByteArray data;
    };

    static constexpr int kMaxParts = 256;

    // The parts of body; contentType is the request's (it names the boundary).
    static Result<QList<Part>> parse(const QByteArray &contentType, const QByteArray &body);
    // The value of parameter name in a header value such as `form-data; name="x"; filename="a.zip"`.
    static QByteArray parameter(const QByteArray &headerValue, const QByteArray &name);
};

} // namespace fabrica
