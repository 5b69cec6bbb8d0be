#include "MultipartForm.h"

#include <QByteArrayView>
#include <QUrl>

namespace fabrica {

namespace {

constexpr qsizetype kMaxPartHeaderBytes = 8 * 1024;

Error malformed(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

} // namespace

QByteArray MultipartForm::parameter(const QByteArray &headerValue, const QByteArray &name)
{
    // Parameters after the first ';', each name=value or name="quoted value" (with \" and \\ escapes).
    qsizetype at = headerValue.indexOf(';');
    while (at >= 0 && at < headerValue.size()) {
        ++at;
        while (at < headerValue.size() && (headerValue[at] == ' ' || headerValue[at] == '\t'))
            ++at;
        const qsizetype equals = headerValue.indexOf('=', at);
        if (equals < 0)
            return {};
        const QByteArray key = headerValue.mid(at, equals - at).trimmed().toLower();
        at = equals + 1;
        QByteArray value;
        if (at < headerValue.size() && headerValue[at] == '"') {
            ++at;
            while (at < headerValue.size() && headerValue[at] != '"') {
                if (headerValue[at] == '\\' && at + 1 < headerValue.size())
                    ++at;
                value += headerValue[at++];
            }
            at = headerValue.indexOf(';', at);
        } else {
            const qsizetype end = headerValue.indexOf(';', at);
            value = headerValue.mid(at, end < 0 ? -1 : end - at).trimmed();
            at = end;
        }
        if (key == name.toLower())
            return value;
    }
    return {};
}

Result<QList<MultipartForm::Part>> MultipartForm::parse(const QByteArray &contentType, const QByteArray &body)
{
    const QByteArray boundary = parameter(contentType, "boundary");
    if (boundary.isEmpty() || boundary.size() > 70)
        return malformed(tr("A multipart/form-data body needs a boundary of 1 to 70 characters in its "
                            "Content-Type."));
    const QByteArray delimiter = "--" + boundary;
    const QByteArray separator = "\r\n" + delimiter; // before every delimiter but a first one
    // The first delimiter may open the body or follow a preamble; every later one follows a CRLF.
    qsizetype at = body.startsWith(delimiter) ? 0 : body.indexOf(separator);
    if (at < 0)
        return malformed(tr("The multipart body does not contain its boundary."));
    at += body.startsWith(delimiter) ? delimiter.size() : delimiter.size() + 2;
    QList<Part> parts;
    while (true) {
        if (QByteArrayView(body).sliced(at).startsWith("--"))
            return parts; // the closing delimiter; an epilogue after it is ignored
        if (!QByteArrayView(body).sliced(at).startsWith("\r\n"))
            return malformed(tr("The multipart body has a malformed boundary line."));
        at += 2;
        const qsizetype headEnd = body.indexOf("\r\n\r\n", at);
        if (headEnd < 0 || headEnd - at > kMaxPartHeaderBytes)
            return malformed(tr("A part of the multipart body has no end of its headers, or headers over "
                                "%1 KiB.")
                                 .arg(kMaxPartHeaderBytes / 1024));
        Part part;
        bool formData = false;
        const QList<QByteArray> lines = body.mid(at, headEnd - at).split('\n');
        for (QByteArray line : lines) {
            line = line.trimmed();
            if (line.isEmpty())
                continue;
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                return malformed(tr("A part of the multipart body has a malformed header."));
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-disposition") {
                formData = value.split(';').value(0).trimmed().toLower() == "form-data";
                part.name = QString::fromUtf8(parameter(value, "name"));
                const QByteArray extended = parameter(value, "filename*"); // RFC 5987: UTF-8''percent%20coded
                if (extended.toLower().startsWith("utf-8''"))
                    part.fileName = QUrl::fromPercentEncoding(extended.mid(7));
                else
                    part.fileName = QString::fromUtf8(parameter(value, "filename"));
            } else if (name == "content-type") {
                part.contentType = value;
            }
        }
        if (!formData)
            return malformed(tr("Every part of a multipart/form-data body needs "
                                "\"Content-Disposition: form-data\"."));
        at = headEnd + 4;
        const qsizetype end = body.indexOf(separator, at);
        if (end < 0)
            return malformed(tr("The multipart body ends before its closing boundary."));
        part.data = body.mid(at, end - at);
        if (parts.size() == kMaxParts)
            return malformed(tr("The multipart body has more than %1 parts.").arg(kMaxParts));
        parts << part;
        at = end + 2 + delimiter.size();
    }
}

} // namespace fabrica
