#pragma once

#include "ApiServer.h"
#include "common/Result.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace fabrica {

// What `fabrica serve --config FILE` reads: an INI file of "[section]" headers and "key = value" lines
// ("#" or ";" start a comment line). Every value is checked as it is read; an error names the file, the
// line and the key. Command-line options are set over it with set(), so they win. See docs/operations.md.
class ServerConfig
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ServerConfig)

public:
    QString listen = QStringLiteral("127.0.0.1:8080");
    QString database;        // empty: the default storage
    QString passwordFile;    // the database password, when the URL has none
    QString tokenSecretFile; // empty: beside the user's settings
    QString tlsCert;         // HTTPS when set (with tlsKey)
    QString tlsKey;
    int workers = 2;                   // generation jobs at once
    int staleSeconds = 30;             // a claimed run without a heartbeat for this long is failed
    ApiServer::Options api;            // limits, handler threads, downloads, sign-in limits, metrics token
    std::optional<qint64> uploadBytes; // unset: the import settings' limit
    QString logLevel = QStringLiteral("info");
    QString logRules; // QLoggingCategory rules, ";"-separated, after the level's

    // Reads and checks the file.
    static Result<ServerConfig> load(const QString &path);
    // The same from text; fileName is for messages.
    static Result<ServerConfig> parse(const QByteArray &text, const QString &fileName);

    // Sets "section/key" from its text, as the file would; where says where it came from (a command-line
    // option: where.path = "--listen"), for later messages about the value.
    Result<void> set(const QString &key, const QString &value, const SourceLocation &where);
    // Where a key's value came from; empty when it is the default.
    SourceLocation origin(const QString &key) const { return m_origins.value(key); }
    // An error about the value of key, placed where the value came from.
    Error errorAt(const QString &key, const QString &message) const;

    // Every key the file may hold, "section/key".
    static QStringList keys();
    // The QLoggingCategory filter rules of logLevel and logRules, one per line.
    QString loggingRules() const;

private:
    QHash<QString, SourceLocation> m_origins;
};

} // namespace fabrica
