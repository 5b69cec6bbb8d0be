#pragma once

#include "ExportOptions.h"
#include "FileEntryWriter.h"
#include "FileOutput.h"
#include "Sink.h"

#include <QCoreApplication>

#include <memory>
#include <vector>

namespace fabrica {

// The part of every file format that is not the format: one file per table in a directory, or one file
// for all tables; every file through FileOutput, committed together in finish() so an abort leaves none.
// With an entry writer the same files go to it one after another instead (a download), nothing to disk.
class FileSink : public Sink
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::FileSink)

public:
    explicit FileSink(ExportOptions options)
        : m_options(std::move(options))
    {}

    Result<void> begin(const Plan &plan) override;
    Result<void> beginTable(int table) override;
    Result<void> write(const TableChunk &chunk, std::string_view encoded) override;
    Result<void> endTable(int table) override;
    Result<void> finish() override;
    void abort() override;
    qint64 bytesWritten() const override { return m_bytes; }

    // The files this sink writes (valid after begin(), also after finish()).
    QStringList paths() const { return m_paths; }
    // Sends the files to writer instead of options().path (which is then not used, nor gzip: compressing
    // is the writer's). Set before begin(); the writer must outlive the sink's work.
    void setEntryWriter(FileEntryWriter *writer) { m_entries = writer; }
    // The names of the files begin() makes for plan, in the order they are written: one per table, or the
    // one file of a single-file format ("shop.sql"); without a directory, with ".gz" when gzip applies.
    QStringList fileNames(const Plan &plan) const;
    // A table name made safe as a file name on every platform.
    static QString fileNameOf(const QString &table);

protected:
    virtual QString extension() const = 0; // "csv"
    // Formats whose tables depend on each other (a SQL script) write one file even when given a
    // directory: <directory>/<schema name>.<extension>.
    virtual bool oneFileAlways() const { return false; }
    virtual std::string fileHeader(const Plan &) const { return {}; }
    virtual std::string fileFooter(const Plan &) const { return {}; }
    virtual std::string tableHeader(const TablePlan &, bool firstInFile) const = 0;
    virtual std::string tableFooter(const TablePlan &) const { return {}; }

    const ExportOptions &options() const { return m_options; }
    const Plan &plan() const { return *m_plan; }

private:
    Result<void> put(std::string_view bytes);

    ExportOptions m_options;
    const Plan *m_plan = nullptr;
    std::vector<std::unique_ptr<FileOutput>> m_files;
    FileOutput *m_current = nullptr;
    FileEntryWriter *m_entries = nullptr;
    bool m_oneFile = false; // all tables go to m_files.front()
    bool m_madeDirectory = false; // begin() created options.path
    QStringList m_paths;
    int m_tablesInCurrent = 0;
    qint64 m_bytes = 0;
};

} // namespace fabrica
