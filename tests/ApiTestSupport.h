#pragma once

// Talking to a real ApiServer over HTTP in the API tests: JSON calls through QNetworkAccessManager with the
// checks every response must pass (headers, error shape), sign-in, and raw bytes over a QTcpSocket for
// what QNetworkAccessManager would never send.

#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <tuple>

namespace fabrica::test {

struct HttpResponse
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QHash<QByteArray, QByteArray> headers; // lower-case names
};

// The parts of the one error shape, {"error": {"code", "message", "details"}}.
inline QString errorCode(const HttpResponse &response)
{
    return response.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

inline QJsonObject errorDetails(const HttpResponse &response)
{
    return response.json.value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("details"))
        .toObject();
}

// A multipart/form-data body as curl -F sends it: the files (name, media type or none, data), each as the
// field "file", and one plain field; CRLF line ends, no preamble, a closing delimiter.
inline QByteArray multipartBody(const QByteArray &boundary,
                                const QList<std::tuple<QByteArray, QByteArray, QByteArray>> &files)
{
    QByteArray body;
    for (const auto &[fileName, type, data] : files) {
        body += "--" + boundary + "\r\n";
        body += "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n";
        if (!type.isEmpty())
            body += "Content-Type: " + type + "\r\n";
        body += "\r\n" + data + "\r\n";
    }
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nnot a file\r\n";
    body += "--" + boundary + "--\r\n";
    return body;
}

// Two tables and a foreign key, as an import's DDL.
inline const QByteArray kLibraryDdl = "CREATE TABLE authors (\n"
                                      "    id INTEGER PRIMARY KEY,\n"
                                      "    name VARCHAR(100) NOT NULL\n"
                                      ");\n"
                                      "CREATE TABLE books (\n"
                                      "    id INTEGER PRIMARY KEY,\n"
                                      "    author_id INTEGER NOT NULL REFERENCES authors (id),\n"
                                      "    title TEXT NOT NULL\n"
                                      ");\n";

class ApiClient
{
public:
    void setPort(quint16 port) { m_port = port; }
    quint16 port() const { return m_port; }

    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1%2").arg(m_port).arg(path));
    }

    // A JSON call (the body is sent when it is not empty or sendBody is set); checks the response's shape.
    HttpResponse call(const QByteArray &method, const QString &path, const QByteArray &token = {},
                      const QJsonObject &body = {}, bool sendBody = false)
    {
        QByteArray data;
        QByteArray type;
        if (sendBody || !body.isEmpty()) {
            type = "application/json";
            data = QJsonDocument(body).toJson(QJsonDocument::Compact);
        }
        return send(method, path, token, data, type);
    }

    // Any body with any content type and extra headers; checks the response's shape when checkJson is set
    // (a download is not JSON).
    HttpResponse send(const QByteArray &method, const QString &path, const QByteArray &token,
                      const QByteArray &data, const QByteArray &contentType,
                      const QList<std::pair<QByteArray, QByteArray>> &headers = {}, bool checkJson = true)
    {
        QNetworkRequest request(url(path));
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token);
        if (!contentType.isEmpty())
            request.setRawHeader("Content-Type", contentType);
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        QNetworkReply *reply = m_network.sendCustomRequest(request, method, data);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        loop.exec();
        HttpResponse response;
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.body = reply->readAll();
        response.json = QJsonDocument::fromJson(response.body).object();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            response.headers.insert(name.toLower(), value);
        reply->deleteLater();
        if (checkJson)
            checkShape(response);
        return response;
    }

    // The token of a sign-in, empty when it failed.
    QByteArray signIn(const QString &name, const QByteArray &password)
    {
        const HttpResponse response =
            call("POST", QStringLiteral("/auth/login"), {},
                 QJsonObject{{QStringLiteral("username"), name},
                             {QStringLiteral("password"), QString::fromUtf8(password)}});
        return response.json.value(QStringLiteral("token")).toString().toLatin1();
    }

    // The headers every response carries and, for errors, the one error shape.
    static void checkShape(const HttpResponse &response)
    {
        QVERIFY2(response.status != 0, "no response");
        QCOMPARE(response.headers.value("cache-control"), "no-store");
        QCOMPARE(response.headers.value("x-content-type-options"), "nosniff");
        QCOMPARE(response.headers.value("content-type"), "application/json; charset=utf-8");
        if (response.status >= 400) {
            const QJsonObject error = response.json.value(QStringLiteral("error")).toObject();
            QVERIFY2(!error.value(QStringLiteral("code")).toString().isEmpty(), response.body.constData());
            QVERIFY2(!error.value(QStringLiteral("message")).toString().isEmpty(), response.body.constData());
            QVERIFY(error.contains(QStringLiteral("details")));
        }
    }

    // Raw bytes to the server; whatever comes back until it closes or waitMs pass.
    QByteArray raw(const QByteArray &request, int waitMs = 5000) const
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        if (!socket.waitForConnected(5000))
            return {};
        socket.write(request);
        QByteArray answer;
        QElapsedTimer timer;
        timer.start();
        while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < waitMs) {
            QTest::qWait(10);
            answer += socket.readAll();
        }
        answer += socket.readAll();
        return answer;
    }

    QNetworkAccessManager &network() { return m_network; }

private:
    QNetworkAccessManager m_network;
    quint16 m_port = 0;
};

} // namespace fabrica::test
