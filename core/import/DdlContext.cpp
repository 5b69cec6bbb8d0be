#include "DdlContext.h"

namespace fabrica {

namespace {

QString asciiLower(const QString &text)
{
    QString out = text;
    for (QChar &c : out) {
        if (c.unicode() >= u'A' && c.unicode() <= u'Z')
            c = QChar(c.unicode() - u'A' + u'a');
    }
    return out;
}

} // namespace

DdlContext::DdlContext(SqlTokenizer &tokenizer, const QString &fileName, ImportReport &report)
    : m_cursor(tokenizer)
    , m_dialect(tokenizer.dialect())
    , m_fileName(fileName)
    , m_report(report)
{}

SourceLocation DdlContext::where(const SqlToken &token, const QString &path) const
{
    return SourceLocation{m_fileName, token.line, token.column, path};
}

bool DdlContext::expected(const QString &what)
{
    const SqlToken token = m_cursor.peek();
    error(token, tr("expected %1, found %2").arg(what, describe(token)));
    return false;
}

void DdlContext::error(const SqlToken &at, const QString &message)
{
    // An unterminated literal was reported where it began; the end it caused needs no second line.
    if (at.kind == SqlToken::Kind::End && m_cursor.hadLexicalError())
        return;
    m_report.error(where(at), message);
}

void DdlContext::skipped(const SqlToken &at, const QString &message)
{
    m_report.skipped(where(at), message);
}

void DdlContext::warning(const SqlToken &at, const QString &message)
{
    m_report.warning(where(at), message);
}

void DdlContext::guess(const SqlToken &at, const QString &message)
{
    m_report.guess(where(at), message);
}

void DdlContext::info(const SqlToken &at, const QString &message)
{
    m_report.info(where(at), message);
}

QString DdlContext::describe(const SqlToken &token) const
{
    switch (token.kind) {
    case SqlToken::Kind::End:
    case SqlToken::Kind::Invalid:
        return tr("the end of the file");
    case SqlToken::Kind::String:
        return tr("a string");
    default:
        break;
    }
    QString text = m_cursor.text(token, token);
    if (text.size() > 30)
        text = text.left(29) + QChar(0x2026);
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}

QString DdlContext::shortened(const QString &sql)
{
    QString text = sql.simplified();
    if (text.size() > 60)
        text = text.left(59) + QChar(0x2026);
    return text;
}

bool DdlContext::isName(const SqlToken &token) const
{
    switch (token.kind) {
    case SqlToken::Kind::Word:
        return true;
    case SqlToken::Kind::QuotedName:
        return !token.text.isEmpty();
    case SqlToken::Kind::String:
        // MySQL reads "x" as a string, but people who run it with ANSI_QUOTES write names that way.
        return m_dialect == SqlDialect::MySQL && token.quote == u'"' && !token.text.isEmpty();
    default:
        return false;
    }
}

QString DdlContext::nameOf(const SqlToken &token) const
{
    if (token.kind == SqlToken::Kind::Word && m_dialect == SqlDialect::PostgreSQL)
        return asciiLower(token.text);
    return token.text;
}

bool DdlContext::sameName(const QString &a, const QString &b) const
{
    if (m_dialect == SqlDialect::PostgreSQL)
        return a == b;
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

QString DdlContext::key(const QString &name) const
{
    return m_dialect == SqlDialect::PostgreSQL ? name : name.toLower();
}

std::optional<QString> DdlContext::readName(const QString &what)
{
    if (!isName(m_cursor.peek())) {
        expected(what);
        return std::nullopt;
    }
    return nameOf(m_cursor.take());
}

std::optional<DdlContext::Name> DdlContext::readQualifiedName(const QString &what)
{
    Name name;
    name.first = m_cursor.peek();
    const std::optional<QString> part = readName(what);
    if (!part)
        return std::nullopt;
    name.parts << *part;
    while (m_cursor.peekSymbol(".") && isName(m_cursor.peek(1))) {
        m_cursor.take();
        name.parts << nameOf(m_cursor.take());
    }
    return name;
}

std::optional<QStringList> DdlContext::readColumnList(const QString &owner, bool *expressions)
{
    if (!m_cursor.acceptSymbol("(")) {
        expected(tr("'(' and the columns of %1").arg(owner));
        return std::nullopt;
    }
    QStringList names;
    for (;;) {
        // Copies: looking further ahead may move the buffered tokens.
        const SqlToken token = m_cursor.peek();
        const SqlToken after = m_cursor.peek(1);
        // A plain column, maybe with ASC, COLLATE, an operator class or MySQL's prefix length (10).
        const bool prefixLength = m_dialect == SqlDialect::MySQL && after.isSymbol("(") &&
                                  m_cursor.peek(2).kind == SqlToken::Kind::Number &&
                                  m_cursor.peek(3).isSymbol(")");
        if (isName(token) && (after.isSymbol(",") || after.isSymbol(")") ||
                              after.kind == SqlToken::Kind::Word || prefixLength)) {
            names << nameOf(m_cursor.take());
        } else if (token.isSymbol(",") || token.isSymbol(")") || token.isStatementEnd()) {
            expected(tr("a column of %1").arg(owner));
            return std::nullopt;
        } else if (expressions) {
            *expressions = true;
        }
        m_cursor.skipToListSeparator();
        if (m_cursor.acceptSymbol(","))
            continue;
        if (m_cursor.acceptSymbol(")"))
            return names;
        expected(tr("')' after the columns of %1").arg(owner));
        return std::nullopt;
    }
}

std::optional<QList<SqlToken>> DdlContext::readGroup(const QString &owner)
{
    if (!m_cursor.acceptSymbol("(")) {
        expected(tr("'(' after %1").arg(owner));
        return std::nullopt;
    }
    QList<SqlToken> tokens;
    qsizetype depth = 1;
    for (;;) {
        const SqlToken token = m_cursor.peek();
        if (token.isStatementEnd()) {
            expected(tr("')' to close %1").arg(owner));
            return std::nullopt;
        }
        if (token.isSymbol("("))
            ++depth;
        else if (token.isSymbol(")") && --depth == 0)
            break;
        tokens.append(m_cursor.take());
    }
    m_cursor.take();
    return tokens;
}

void DdlContext::skipCastType()
{
    if (!isName(m_cursor.peek()))
        return;
    m_cursor.take();
    while (m_cursor.peekSymbol(".") && isName(m_cursor.peek(1))) {
        m_cursor.take();
        m_cursor.take();
    }
    for (;;) {
        if (m_cursor.peekSymbol("(") || m_cursor.peekSymbol("["))
            m_cursor.skipGroup();
        else if (m_cursor.peekWord("PRECISION") || m_cursor.peekWord("VARYING") ||
                 m_cursor.peekWord("WITH") || m_cursor.peekWord("WITHOUT") || m_cursor.peekWord("TIME") ||
                 m_cursor.peekWord("ZONE"))
            m_cursor.take();
        else
            return;
    }
}

QString DdlContext::readExpression()
{
    const SqlToken first = m_cursor.peek();
    bool wantOperand = true;
    bool any = false;
    for (;;) {
        const SqlToken token = m_cursor.peek();
        if (token.isStatementEnd())
            break;
        if (wantOperand) {
            if (token.isSymbol("(") || token.isSymbol("[")) {
                m_cursor.skipGroup();
                wantOperand = false;
            } else if (token.isSymbol("-") || token.isSymbol("+") || token.isSymbol("~") ||
                       token.isSymbol("!") || token.isWord("NOT")) {
                m_cursor.take();
            } else if (token.kind == SqlToken::Kind::String || token.kind == SqlToken::Kind::Number ||
                       token.kind == SqlToken::Kind::QuotedName) {
                m_cursor.take();
                wantOperand = false;
            } else if (token.kind == SqlToken::Kind::Word) {
                m_cursor.take();
                while (m_cursor.peekSymbol(".") && isName(m_cursor.peek(1))) {
                    m_cursor.take();
                    m_cursor.take();
                }
                if (m_cursor.peekSymbol("(") || (token.isWord("ARRAY") && m_cursor.peekSymbol("[")))
                    m_cursor.skipGroup(); // a call, or ARRAY[…]
                else if (m_cursor.peek().kind == SqlToken::Kind::String)
                    m_cursor.take(); // a typed literal: DATE '…', or MySQL's _utf8mb4'…'
                wantOperand = false;
            } else {
                break;
            }
            any = true;
            continue;
        }
        if (token.isSymbol("::")) {
            m_cursor.take();
            skipCastType();
        } else if (token.isSymbol("[")) {
            m_cursor.skipGroup();
        } else if (token.kind == SqlToken::Kind::Symbol && !token.isSymbol(",") && !token.isSymbol(")") &&
                   !token.isSymbol("(") && !token.isSymbol(";") && !token.isSymbol(".") &&
                   !token.isSymbol("]")) {
            m_cursor.take();
            wantOperand = true;
        } else if (token.isWord("AT") && m_cursor.peekWord("TIME", 1) && m_cursor.peekWord("ZONE", 2)) {
            m_cursor.take();
            m_cursor.take();
            m_cursor.take();
            wantOperand = true;
        } else {
            break;
        }
    }
    if (!any)
        return {};
    return m_cursor.text(first, m_cursor.previous());
}

int DdlContext::findTable(const QStringList &parts) const
{
    if (parts.isEmpty())
        return -1;
    const QList<int> candidates = m_tableIndex.value(key(parts.last()));
    if (candidates.isEmpty())
        return -1;
    const QString schema = parts.size() > 1 ? parts.at(parts.size() - 2) : QString();
    if (schema.isEmpty())
        return candidates.first();
    for (const int candidate : candidates) {
        if (sameName(m_tables.at(candidate).sqlSchema, schema))
            return candidate;
    }
    // A table created without a schema is the one a qualified name means, in a file that mixes both.
    for (const int candidate : candidates) {
        if (m_tables.at(candidate).sqlSchema.isEmpty())
            return candidate;
    }
    return -1;
}

int DdlContext::addTable(const ImportedTable &table)
{
    const int index = int(m_tables.size());
    m_tables.append(table);
    m_tableIndex[key(table.name)].append(index);
    return index;
}

void DdlContext::replaceTable(int index, const ImportedTable &table)
{
    m_tables[index] = table;
}

int DdlContext::findColumn(const ImportedTable &table, const QString &name) const
{
    for (int i = 0; i < table.columns.size(); ++i) {
        if (sameName(table.columns.at(i).name, name))
            return i;
    }
    return -1;
}

void DdlContext::addEnum(const QString &name, const QStringList &values)
{
    m_enums.insert(key(name), values);
}

const QStringList *DdlContext::findEnum(const QString &name) const
{
    const auto it = m_enums.constFind(key(name));
    return it == m_enums.constEnd() ? nullptr : &it.value();
}

void DdlContext::addDomain(const QString &name, const ImportedColumn &definition)
{
    m_domains.insert(key(name), definition);
}

const ImportedColumn *DdlContext::findDomain(const QString &name) const
{
    const auto it = m_domains.constFind(key(name));
    return it == m_domains.constEnd() ? nullptr : &it.value();
}

} // namespace fabrica
