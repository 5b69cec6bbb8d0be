#include "FileSink.h"

#include "common/Logging.h"
#include "common/SystemError.h"

#include <QDir>
#include <QFileInfo>

namespace fabrica {

QString FileSink::fileNameOf(const QString &table)
{
    QString name = table;
    for (QChar &c : name) {
        if (c == QLatin1Char('/') || c == QLatin1Char('\\') || c == QLatin1Char(':') ||
            c == QLatin1Char('*') || c == QLatin1Char('?') || c == QLatin1Char('<') ||
            c == QLatin1Char('>') || c == QLatin1Char('|') || c.unicode() < 0x20)
            c = QLatin1Char('_');
    }
    return name;
}

QStringList FileSink::fileNames(const Plan &plan) const
{
    const QString suffix =
        QLatin1Char('.') + extension() + (m_options.gzip && !m_entries ? QStringLiteral(".gz") : QString());
    if (m_options.singleFile && !m_entries)
        return {QFileInfo(m_options.path).fileName()};
    if (m_options.singleFile || oneFileAlways())
        return {(plan.schema().name.isEmpty() ? QStringLiteral("fabrica") : fileNameOf(plan.schema().name)) +
                suffix};
    QStringList names;
    for (const TablePlan &table : plan.tables())
        names << fileNameOf(table.name) + suffix;
    return names;
}

Result<void> FileSink::begin(const Plan &plan)
{
    m_plan = &plan;
    m_oneFile = m_options.singleFile || oneFileAlways();
    const QStringList names = fileNames(plan);
    if (m_entries) {
        m_paths = names;
        if (!m_oneFile)
            return {};
        if (Result<void> begun = m_entries->beginEntry(names.front()); !begun)
            return begun;
        return m_options.opensFiles ? put(fileHeader(plan)) : Result<void>();
    }
    QStringList paths;
    if (m_options.singleFile) {
        paths << m_options.path;
    } else {
        m_madeDirectory = !QFileInfo::exists(m_options.path);
        if (QString reason; !SystemError::makeDirectory(m_options.path, &reason))
            return makeError(ErrorCode::Io, tr("cannot create the directory: %1").arg(reason),
                             SourceLocation{m_options.path, 0, 0, {}});
        for (const QString &name : names)
            paths << QDir(m_options.path).filePath(name);
    }
    m_paths = paths;
    for (const QString &path : paths) {
        auto file = std::make_unique<FileOutput>(path, m_options.gzip);
        if (Result<void> opened = file->open(); !opened) {
            abort();
            return opened;
        }
        m_files.push_back(std::move(file));
    }
    if (m_oneFile) {
        m_current = m_files.front().get();
        return m_options.opensFiles ? put(fileHeader(plan)) : Result<void>();
    }
    return {};
}

Result<void> FileSink::beginTable(int table)
{
    if (!m_oneFile) {
        if (!m_entries)
            m_current = m_files[std::size_t(table)].get();
        else if (Result<void> begun = m_entries->beginEntry(m_paths.at(table)); !begun)
            return begun;
        m_tablesInCurrent = 0;
        if (!m_options.opensFiles)
            return {};
        if (Result<void> header = put(fileHeader(*m_plan)); !header)
            return header;
    }
    const bool first = m_tablesInCurrent++ == 0;
    if (!m_options.opensFiles)
        return {};
    return put(tableHeader(m_plan->tables()[std::size_t(table)], first));
}

Result<void> FileSink::write(const TableChunk &, std::string_view encoded)
{
    return put(encoded);
}

Result<void> FileSink::endTable(int table)
{
    if (!m_options.closesFiles)
        return m_oneFile || !m_entries ? Result<void>() : m_entries->endEntry();
    if (Result<void> footer = put(tableFooter(m_plan->tables()[std::size_t(table)])); !footer)
        return footer;
    if (m_oneFile)
        return {};
    if (Result<void> footer = put(fileFooter(*m_plan)); !footer)
        return footer;
    return m_entries ? m_entries->endEntry() : Result<void>();
}

Result<void> FileSink::finish()
{
    if (m_oneFile && m_options.closesFiles) {
        if (Result<void> footer = put(fileFooter(*m_plan)); !footer) {
            abort();
            return footer;
        }
    }
    if (m_entries) {
        Result<void> finished = m_oneFile ? m_entries->endEntry() : Result<void>();
        if (finished)
            finished = m_entries->finish();
        if (!finished)
            abort();
        return finished;
    }
    // Every file complete on disk before any replaces its earlier version, so a full disk fails the
    // export with the earlier files all intact rather than some of them replaced.
    for (const auto &file : m_files) {
        if (Result<void> finished = file->finishWriting(); !finished) {
            abort();
            return finished;
        }
    }
    for (const auto &file : m_files) {
        if (Result<void> committed = file->commit(); !committed) {
            abort(); // only a rename can fail now; files renamed before stay, a rename cannot be taken back
            return committed;
        }
    }
    qCDebug(lcExport) << "wrote" << m_files.size() << "files," << m_bytes << "bytes";
    m_files.clear();
    m_madeDirectory = false;
    return {};
}

void FileSink::abort()
{
    if (m_entries)
        m_entries->abort();
    for (const auto &file : m_files)
        file->cancel();
    m_files.clear();
    // A directory this sink made goes too when nothing is in it (a failure changes nothing).
    if (m_madeDirectory)
        QDir().rmdir(m_options.path);
    m_madeDirectory = false;
    m_current = nullptr;
}

Result<void> FileSink::put(std::string_view bytes)
{
    if (bytes.empty())
        return {};
    m_bytes += qint64(bytes.size());
    return m_entries ? m_entries->write(bytes) : m_current->write(bytes);
}

} // namespace fabrica
