#pragma once

#include "common/Error.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace fabrica {

// What an import understood, guessed, skipped and refused, line by line, so the user can check every
// decision before anything is stored.
class ImportReport
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ImportReport)

public:
    enum class Level {
        Info,    // what was read: "orders.csv: 120 rows, 6 columns"
        Guess,   // a choice the user may want to change: "customers.email: type email (from the name)"
        Skipped, // input left out on purpose: "schema.sql:40: CREATE FUNCTION skipped"
        Warning, // something doubtful that did not stop the import
        Refused, // input rejected for safety or form: "evil.zip: ../x: a path that leaves the archive"
        Error,   // the import cannot go on
    };
    struct Line
    {
        Level level = Level::Info;
        SourceLocation where; // file = the entry's path inside the archive (or the file name), line/column
        QString message;
    };

    void add(Level level, const SourceLocation &where, const QString &message);
    void info(const SourceLocation &where, const QString &message) { add(Level::Info, where, message); }
    void guess(const SourceLocation &where, const QString &message) { add(Level::Guess, where, message); }
    void skipped(const SourceLocation &where, const QString &message) { add(Level::Skipped, where, message); }
    void warning(const SourceLocation &where, const QString &message) { add(Level::Warning, where, message); }
    void refused(const SourceLocation &where, const QString &message) { add(Level::Refused, where, message); }
    void error(const SourceLocation &where, const QString &message) { add(Level::Error, where, message); }
    void append(const ImportReport &other) { m_lines.append(other.m_lines); }

    const QList<Line> &lines() const { return m_lines; }
    bool hasErrors() const;
    int count(Level level) const;
    // "file:line:column: level: message", one line each, in the order they were added.
    QString toText() const;
    static QString levelName(Level level);

private:
    QList<Line> m_lines;
};

} // namespace fabrica
