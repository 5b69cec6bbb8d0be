#pragma once

#include "ImportReport.h"
#include "common/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace fabrica {

// Caps and choices of one CSV read. The input is untrusted, so every size the reader keeps is capped; the
// defaults suit uploads.
struct CsvOptions
{
    QChar delimiter;                // QChar() = chosen by CsvReader::chooseDelimiter
    int maxRows = 10000;            // data rows kept; later rows are still read and counted
    int maxColumns = 1000;          // a wider header refuses the file
    int maxFieldLength = 64 * 1024; // characters; a longer field is cut, with a warning
    qint64 maxCells = 2000000;      // rows × columns kept, so that a wide file keeps fewer rows
    int maxProblemLines = 20;       // report lines per kind of problem; the rest are summed up in one
};

// A CSV file as read: its header and the first rows, each with exactly one field per header column.
struct CsvTable
{
    using Row = QList<std::optional<QString>>; // std::nullopt = NULL, an unquoted empty field

    QChar delimiter;
    QStringList header;         // trimmed, never empty, distinct ignoring case
    QList<Row> rows;            // the kept rows, at most CsvOptions::maxRows
    qint64 dataRows = 0;        // well-formed data rows in the file, kept or not
    qint64 skippedRows = 0;     // rows left out because of a problem (each reported)
    qint64 blankLines = 0;      // empty lines, ignored when the header has several columns
    qint64 truncatedFields = 0; // kept fields cut to CsvOptions::maxFieldLength
};

// Reads RFC 4180 text: fields separated by the delimiter, records by CRLF, LF or CR (a last line may
// lack one), fields in double quotes may hold delimiters, line breaks and "" for a quote. An unquoted
// empty field is NULL, a quoted one ("") the empty string. One linear pass; memory is bounded by the
// caps of CsvOptions whatever the input.
class CsvReader
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::CsvReader)

public:
    explicit CsvReader(const CsvOptions &options = {});

    // Reads text (already decoded, without a byte-order mark) of the file called fileName. A row with a
    // problem (a wrong number of fields, a stray quote) is reported to report as a warning and skipped,
    // and reading goes on; a problem that leaves the rest unreadable (an unterminated quote, no header, a
    // header wider than maxColumns) returns an Error, which the caller reports. On success the report ends
    // with an info line: rows, columns, delimiter (after one on ignored empty lines, if any). Renamed
    // header columns and cut fields are warnings; each kind of problem gets at most maxProblemLines lines.
    Result<CsvTable> read(const QString &fileName, QStringView text, ImportReport &report) const;

    // Tab for *.tsv and *.tab; otherwise the most frequent of , ; tab | outside quotes on the first line,
    // a comma on a tie or when there is none.
    static QChar chooseDelimiter(const QString &fileName, QStringView text);

private:
    CsvOptions m_options;
};

} // namespace fabrica
