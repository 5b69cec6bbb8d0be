#include "CsvReader.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace fabrica {

namespace {

const QChar kQuote = u'"';

bool isLineEnd(QChar c)
{
    return c == u'\n' || c == u'\r';
}

// A place in the text. The column is only counted when a message needs it, so that positions cost
// nothing on the common path.
struct Position
{
    int line = 1;
    qsizetype lineStart = 0; // offset of the line's first character
    qsizetype offset = 0;

    // 1-based, in characters (a surrogate pair counts once).
    int column(QStringView text) const
    {
        int column = 1;
        for (qsizetype i = lineStart; i < offset; ++i)
            column += text[i].isLowSurrogate() ? 0 : 1;
        return column;
    }
};

// What went wrong in a record; only the first problem of a record is kept.
struct RecordProblem
{
    enum class Kind { None, QuoteInField, AfterQuote };
    Kind kind = Kind::None;
    Position where;     // of the stray character
    Position quoteOpen; // AfterQuote: where the quoted field started
};

struct Record
{
    CsvTable::Row fields;      // the first keepLimit fields, when kept
    qsizetype count = 0;       // fields seen
    int line = 0;              // where the record starts
    bool blank = false;        // an empty line
    bool unterminated = false; // a quoted field runs to the end of the text
    Position quoteOpen;        // … which started here
    RecordProblem problem;
    int truncated = 0; // kept fields that were cut
    Position firstTruncated;
    qsizetype firstTruncatedLength = 0; // before cutting
};

// One pass over the text, a record at a time. Every character is looked at a bounded number of times.
class Scanner
{
public:
    Scanner(QStringView text, QChar delimiter, int maxFieldLength)
        : m_text(text)
        , m_delimiter(delimiter)
        , m_maxField(maxFieldLength)
    {}

    bool atEnd() const { return m_pos >= m_text.size(); }

    // Reads the next record; keeps at most keepLimit fields when keep is set. False at the end.
    bool next(Record &record, bool keep, qsizetype keepLimit)
    {
        record = Record{};
        record.line = m_line;
        if (atEnd())
            return false;
        for (;;) {
            const bool store = keep && record.count < keepLimit;
            bool quoted = false;
            std::optional<QString> value;
            if (!atEnd() && m_text[m_pos] == kQuote) {
                quoted = true;
                if (!readQuoted(record, store, value))
                    return true; // unterminated: nothing follows
            } else {
                readUnquoted(record, store, value);
            }
            if (store)
                record.fields.append(std::move(value));
            ++record.count;
            // An empty line is a record of one empty unquoted field that a line end closes.
            const bool lineEnd = !atEnd() && isLineEnd(m_text[m_pos]);
            record.blank = lineEnd && record.count == 1 && !quoted && m_fieldWasEmpty &&
                           record.problem.kind == RecordProblem::Kind::None;
            if (atEnd())
                return true;
            if (!lineEnd) { // the delimiter
                ++m_pos;
                continue;
            }
            skipLineEnd();
            return true;
        }
    }

private:
    Position here() const { return Position{m_line, m_lineStart, m_pos}; }

    void skipLineEnd()
    {
        if (m_text[m_pos] == u'\r' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == u'\n')
            ++m_pos;
        ++m_pos;
        ++m_line;
        m_lineStart = m_pos;
    }

    // Appends text[from, to) to value, up to the field cap; counts what was cut.
    void append(QString &value, qsizetype from, qsizetype to, qsizetype &length) const
    {
        const qsizetype room = std::max<qsizetype>(0, m_maxField - value.size());
        if (room > 0)
            value.append(m_text.sliced(from, std::min(room, to - from)));
        length += to - from;
    }

    void noteTruncation(Record &record, QString &value, const Position &start, qsizetype length) const
    {
        if (length <= m_maxField)
            return;
        if (!value.isEmpty() && value.back().isHighSurrogate()) // don't leave half a character
            value.chop(1);
        if (record.truncated++ == 0) {
            record.firstTruncated = start;
            record.firstTruncatedLength = length;
        }
    }

    // From an opening quote to the character after the closing one. False when it never closes.
    bool readQuoted(Record &record, bool store, std::optional<QString> &value)
    {
        const Position open = here();
        ++m_pos;
        QString text;
        qsizetype length = 0;
        qsizetype segment = m_pos;
        bool closed = false;
        while (m_pos < m_text.size()) {
            const QChar c = m_text[m_pos];
            if (c == kQuote) {
                if (store)
                    append(text, segment, m_pos, length);
                if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == kQuote) { // "" stands for one quote
                    if (store)
                        append(text, m_pos, m_pos + 1, length);
                    m_pos += 2;
                    segment = m_pos;
                    continue;
                }
                ++m_pos;
                closed = true;
                break;
            }
            ++m_pos;
            if (c == u'\n' || (c == u'\r' && (m_pos >= m_text.size() || m_text[m_pos] != u'\n'))) {
                ++m_line;
                m_lineStart = m_pos;
            }
        }
        if (!closed) {
            record.unterminated = true;
            record.quoteOpen = open;
            return false;
        }
        if (store) {
            noteTruncation(record, text, open, length);
            value = std::move(text);
        }
        m_fieldWasEmpty = false;
        if (!atEnd() && m_text[m_pos] != m_delimiter && !isLineEnd(m_text[m_pos])) {
            if (record.problem.kind == RecordProblem::Kind::None)
                record.problem = RecordProblem{RecordProblem::Kind::AfterQuote, here(), open};
            // The rest of the field is garbage; skip it to find the next field of the (skipped) row.
            while (!atEnd() && m_text[m_pos] != m_delimiter && !isLineEnd(m_text[m_pos]))
                ++m_pos;
        }
        return true;
    }

    void readUnquoted(Record &record, bool store, std::optional<QString> &value)
    {
        const Position start = here();
        const qsizetype from = m_pos;
        while (m_pos < m_text.size()) {
            const QChar c = m_text[m_pos];
            if (c == m_delimiter || isLineEnd(c))
                break;
            if (c == kQuote && record.problem.kind == RecordProblem::Kind::None)
                record.problem = RecordProblem{RecordProblem::Kind::QuoteInField, here(), {}};
            ++m_pos;
        }
        m_fieldWasEmpty = m_pos == from;
        if (!store || m_pos == from)
            return; // an unquoted empty field is NULL
        QString text;
        qsizetype length = 0;
        append(text, from, m_pos, length);
        noteTruncation(record, text, start, length);
        value = std::move(text);
    }

    QStringView m_text;
    QChar m_delimiter;
    qsizetype m_maxField;
    qsizetype m_pos = 0;
    int m_line = 1;
    qsizetype m_lineStart = 0;
    bool m_fieldWasEmpty = false;
};

// Caps the report lines of one kind of problem and sums up the rest.
class ProblemCounter
{
public:
    explicit ProblemCounter(int limit)
        : m_limit(limit)
    {}
    bool take()
    {
        if (m_told < m_limit) {
            ++m_told;
            return true;
        }
        ++m_untold;
        return false;
    }
    void skip(qint64 n) { m_untold += n; }
    qint64 untold() const { return m_untold; }

private:
    qint64 m_limit;
    qint64 m_told = 0;
    qint64 m_untold = 0;
};

} // namespace

CsvReader::CsvReader(const CsvOptions &options)
    : m_options(options)
{}

QChar CsvReader::chooseDelimiter(const QString &fileName, QStringView text)
{
    if (fileName.endsWith(QLatin1String(".tsv"), Qt::CaseInsensitive) ||
        fileName.endsWith(QLatin1String(".tab"), Qt::CaseInsensitive))
        return u'\t';
    static const QChar candidates[] = {u',', u';', u'\t', u'|'};
    qsizetype counts[std::size(candidates)] = {};
    bool quoted = false;
    for (const QChar c : text) {
        if (c == kQuote)
            quoted = !quoted; // "" toggles twice, which is right
        else if (!quoted && isLineEnd(c))
            break;
        else if (!quoted) {
            for (std::size_t i = 0; i < std::size(candidates); ++i)
                counts[i] += c == candidates[i] ? 1 : 0;
        }
    }
    std::size_t best = 0;
    for (std::size_t i = 1; i < std::size(candidates); ++i) {
        if (counts[i] > counts[best])
            best = i;
    }
    return candidates[best];
}

Result<CsvTable> CsvReader::read(const QString &fileName, QStringView text, ImportReport &report) const
{
    auto where = [&](int line) { return SourceLocation{fileName, line, 0, {}}; };
    // Counted nouns; English needs only one and many.
    auto rows = [](qint64 n) { return n == 1 ? tr("1 row") : tr("%1 rows").arg(n); };
    auto fields = [](qint64 n) { return n == 1 ? tr("1 field") : tr("%1 fields").arg(n); };
    CsvTable table;
    table.delimiter = m_options.delimiter.isNull() ? chooseDelimiter(fileName, text) : m_options.delimiter;
    if (table.delimiter == kQuote || isLineEnd(table.delimiter))
        return makeError(ErrorCode::Unsupported, tr("a quote or a line break cannot separate fields"),
                         where(0));
    const int maxField = std::max(1, m_options.maxFieldLength);
    const int maxColumns = std::max(1, m_options.maxColumns);
    Scanner scanner(text, table.delimiter, maxField);
    auto at = [&](const Position &p) { return SourceLocation{fileName, p.line, p.column(text), {}}; };
    auto unterminated = [&](const Record &record) {
        return makeError(ErrorCode::InvalidInput,
                         tr("the quoted field that starts at %1:%2 never ends: the closing \" is missing "
                            "(a quote inside a quoted field is written twice: \"\")")
                             .arg(record.quoteOpen.line)
                             .arg(record.quoteOpen.column(text)),
                         at(record.quoteOpen));
    };
    auto problemText = [&](const RecordProblem &problem) {
        if (problem.kind == RecordProblem::Kind::QuoteInField)
            return tr("a quote inside a field that does not start with one; quote the whole field and "
                      "double the quotes inside it (\"say \"\"hi\"\"\")");
        return tr("\"%1\" after the closing quote of the field that starts at %2:%3, where %4 or the end "
                  "of the line was expected")
            .arg(text.sliced(
                problem.where.offset, // a whole character, also beyond the BMP
                text[problem.where.offset].isHighSurrogate() && problem.where.offset + 1 < text.size() ? 2
                                                                                                       : 1))
            .arg(problem.quoteOpen.line)
            .arg(problem.quoteOpen.column(text))
            .arg(table.delimiter == u'\t' ? tr("a tab") : QStringLiteral("\"%1\"").arg(table.delimiter));
    };

    Record record;
    if (!scanner.next(record, true, qsizetype(maxColumns) + 1))
        return makeError(ErrorCode::InvalidInput,
                         tr("the file is empty: its first line must name the columns"), where(0));
    if (record.unterminated)
        return unterminated(record);
    if (record.count > maxColumns)
        return makeError(
            ErrorCode::InvalidInput,
            tr("the header has %1 columns, more than the %2 Fabrica reads").arg(record.count).arg(maxColumns),
            where(1));
    if (record.problem.kind != RecordProblem::Kind::None)
        return makeError(ErrorCode::InvalidInput, problemText(record.problem), at(record.problem.where));
    if (record.blank)
        return makeError(ErrorCode::InvalidInput, tr("the first line is empty: it must name the columns"),
                         where(1));

    // Names as the columns will be called: trimmed, never empty, distinct ignoring case (as Fabrica wants).
    QSet<QString> taken;
    QHash<QString, int> nextSuffix; // per name: where to go on counting, so renaming stays linear
    ProblemCounter renames(m_options.maxProblemLines);
    for (qsizetype i = 0; i < record.fields.size(); ++i) {
        const QString original = record.fields[i].value_or(QString()).trimmed();
        const QString base = original.isEmpty() ? QStringLiteral("column_%1").arg(i + 1) : original;
        QString name = base;
        if (taken.contains(name.toLower())) {
            int &n = nextSuffix[base.toLower()];
            n = std::max(n, 2);
            do
                name = base + QStringLiteral("_%1").arg(n++);
            while (taken.contains(name.toLower()));
        }
        if (name != original && renames.take())
            report.warning(
                where(1),
                original.isEmpty()
                    ? tr("column %1 has no name in the header; it is called %2").arg(i + 1).arg(name)
                    : tr("column %1 is called \"%2\" like an earlier column; it is called "
                         "%3 instead")
                          .arg(i + 1)
                          .arg(original, name));
        taken.insert(name.toLower());
        table.header.append(name);
    }
    if (renames.untold() > 0)
        report.warning(where(1), tr("%1 more columns were renamed").arg(renames.untold()));
    if (record.truncated > 0)
        report.warning(at(record.firstTruncated), tr("a column name of %1 characters was cut to the first %2")
                                                      .arg(record.firstTruncatedLength)
                                                      .arg(maxField));

    const qsizetype columns = table.header.size();
    const qint64 keepRows =
        std::min<qint64>(std::max(0, m_options.maxRows), std::max<qint64>(1, m_options.maxCells / columns));
    ProblemCounter rowProblems(m_options.maxProblemLines), truncations(m_options.maxProblemLines);
    while (scanner.next(record, table.rows.size() < keepRows, columns + 1)) {
        if (record.unterminated)
            return unterminated(record);
        if (record.blank && columns > 1) {
            ++table.blankLines;
            continue;
        }
        if (record.problem.kind != RecordProblem::Kind::None || record.count != columns) {
            ++table.skippedRows;
            if (!rowProblems.take())
                continue;
            if (record.problem.kind != RecordProblem::Kind::None)
                report.warning(at(record.problem.where),
                               problemText(record.problem) + tr("; the row is skipped"));
            else
                report.warning(where(record.line), tr("%1 where the header has %2; the row is skipped")
                                                       .arg(fields(record.count))
                                                       .arg(columns));
            continue;
        }
        ++table.dataRows;
        if (record.fields.size() != columns)
            continue; // not kept: beyond the sampled rows
        if (record.truncated > 0) {
            table.truncatedFields += record.truncated;
            if (truncations.take())
                report.warning(at(record.firstTruncated),
                               tr("a field of %1 characters was cut to the first %2")
                                   .arg(record.firstTruncatedLength)
                                   .arg(maxField));
            truncations.skip(record.truncated - 1); // only the first cut of a row gets a line
        }
        table.rows.append(std::move(record.fields));
    }

    // Beyond maxProblemLines a kind of problem gets one line with the total.
    if (rowProblems.untold() > 0)
        report.warning(where(0), tr("%1 rows with problems were skipped in all; only the first %2 are listed")
                                     .arg(table.skippedRows)
                                     .arg(m_options.maxProblemLines));
    if (truncations.untold() > 0)
        report.warning(where(0), tr("%1 fields in all were cut to %2 characters; only the first cut of a row "
                                    "is listed, and at most %3 rows")
                                     .arg(table.truncatedFields)
                                     .arg(maxField)
                                     .arg(m_options.maxProblemLines));
    if (table.blankLines > 0)
        report.info(where(0), table.blankLines == 1 ? tr("1 empty line ignored")
                                                    : tr("%1 empty lines ignored").arg(table.blankLines));
    QString delimiter;
    if (table.delimiter == u',')
        delimiter = tr("commas");
    else if (table.delimiter == u'\t')
        delimiter = tr("tabs");
    else if (table.delimiter == u';')
        delimiter = tr("semicolons");
    else
        delimiter = QStringLiteral("\"%1\"").arg(table.delimiter);
    QString summary = columns == 1
                          ? tr("%1, 1 column, fields separated by %2").arg(rows(table.dataRows), delimiter)
                          : tr("%1, %2 columns, fields separated by %3")
                                .arg(rows(table.dataRows))
                                .arg(columns)
                                .arg(delimiter);
    if (table.rows.size() < table.dataRows)
        summary += tr("; the first %1 are sampled").arg(rows(table.rows.size()));
    report.info(where(0), summary);
    return table;
}

} // namespace fabrica
