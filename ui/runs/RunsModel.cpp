#include "RunsModel.h"

#include "Icons.h"

#include <QLocale>
#include <QSet>

#include <limits>

namespace fabrica {

namespace {

const QLatin1String kStorage("storage");

bool isDatabaseTarget(const QString &target)
{
    // What GenerationRequest::targetDescription() writes for a database: DatabaseUrl::displayString().
    return target.startsWith(QLatin1String("sqlite:")) || target.startsWith(QLatin1String("postgresql:")) ||
           target.startsWith(QLatin1String("postgres:"));
}

} // namespace

RunsModel::RunsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int RunsModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_runs.size(); ++row) {
        if (m_runs[row].id == id)
            return row;
    }
    return -1;
}

bool RunsModel::hasStoredRows(const RunRecord &run)
{
    return run.status == RunRecord::Status::Finished && run.target == kStorage;
}

QString RunsModel::statusText(RunRecord::Status status)
{
    switch (status) {
    case RunRecord::Status::Queued:
        return tr("Queued");
    case RunRecord::Status::Running:
        return tr("Running");
    case RunRecord::Status::Finished:
        return tr("Finished");
    case RunRecord::Status::Failed:
        return tr("Failed");
    case RunRecord::Status::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

qint64 RunsModel::totalRows(const RunRecord &run)
{
    qint64 total = 0;
    for (const qint64 rows : run.rowCounts)
        total += rows;
    return total;
}

QString RunsModel::durationText(qint64 milliseconds)
{
    const QLocale locale;
    if (milliseconds < 1000)
        return tr("%1 ms").arg(std::max<qint64>(0, milliseconds));
    if (milliseconds < 60 * 1000)
        return tr("%1 s").arg(locale.toString(double(milliseconds) / 1000.0, 'f', 1));
    const qint64 seconds = milliseconds / 1000;
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

// What the table shows; a run's rows are never compared, only its record.
bool RunsModel::sameRow(const RunRecord &a, const RunRecord &b)
{
    return a.schemaId == b.schemaId && a.userId == b.userId && a.seed == b.seed && a.started == b.started &&
           a.finished == b.finished && a.status == b.status && a.rowCounts == b.rowCounts &&
           a.target == b.target && a.bytes == b.bytes;
}

void RunsModel::setRuns(const QList<RunRecord> &runs)
{
    QHash<qint64, int> fresh; // id → index in runs
    for (int i = 0; i < runs.size(); ++i)
        fresh.insert(runs[i].id, i);

    // Gone: removed from the bottom up, so the rows above keep their numbers; neighbours in one signal.
    for (int row = int(m_runs.size()) - 1; row >= 0; --row) {
        if (fresh.contains(m_runs[row].id))
            continue;
        int first = row;
        while (first > 0 && !fresh.contains(m_runs[first - 1].id))
            --first;
        beginRemoveRows({}, first, row);
        m_runs.remove(first, row - first + 1);
        endRemoveRows();
        row = first;
    }
    // Still there: replaced, and repainted where something shown changed (a running run that ended).
    QSet<qint64> known;
    for (int row = 0; row < m_runs.size(); ++row) {
        const RunRecord &now = runs[fresh.value(m_runs[row].id)];
        known.insert(now.id);
        const bool changed = !sameRow(m_runs[row], now);
        m_runs[row] = now;
        if (changed)
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    // New: appended in the listing's order (oldest first).
    QList<RunRecord> added;
    for (const RunRecord &run : runs) {
        if (!known.contains(run.id))
            added << run;
    }
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_runs.size()), int(m_runs.size() + added.size()) - 1);
        m_runs << added;
        endInsertRows();
    }
}

void RunsModel::setSchemaNames(const QHash<qint64, QString> &names)
{
    if (names == m_schemaNames)
        return;
    m_schemaNames = names;
    columnChanged(SchemaColumn);
}

void RunsModel::setUserNames(const QHash<qint64, QString> &names)
{
    if (names == m_userNames)
        return;
    m_userNames = names;
    columnChanged(OwnerColumn);
}

void RunsModel::columnChanged(int column)
{
    if (!m_runs.isEmpty())
        emit dataChanged(index(0, column), index(int(m_runs.size()) - 1, column));
}

int RunsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RunRecord &run = m_runs[index.row()];
    switch (role) {
    case RunIdRole:
        return run.id;
    case SchemaIdRole:
        return run.schemaId;
    case HasStoredRowsRole:
        return hasStoredRows(run);
    case SortRole:
        return sortValue(run, index.column());
    case Qt::DisplayRole:
        return display(run, index.column());
    case Qt::ToolTipRole:
        return toolTip(run, index.column());
    case Qt::DecorationRole:
        return decoration(run, index.column());
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case IdColumn:
        case SeedColumn:
        case RowsColumn:
        case BytesColumn:
        case TookColumn:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        }
    default:
        return {};
    }
}

QVariant RunsModel::display(const RunRecord &run, int column) const
{
    const QLocale locale;
    const bool running = run.status == RunRecord::Status::Running;
    switch (Column(column)) {
    case IdColumn:
        return QString::number(run.id);
    case SchemaColumn:
        return m_schemaNames.value(run.schemaId, tr("Schema %1").arg(run.schemaId));
    case StatusColumn:
        return statusText(run.status);
    case SeedColumn:
        return QString::number(run.seed); // no digit grouping: seeds are copied into other runs
    case RowsColumn:
        return running ? QString() : locale.toString(totalRows(run));
    case BytesColumn:
        return running ? QString() : locale.formattedDataSize(run.bytes);
    case StartedColumn:
        return locale.toString(run.started.toLocalTime(), QLocale::ShortFormat);
    case TookColumn:
        if (running || !run.finished.isValid() || !run.started.isValid())
            return QString();
        return durationText(run.started.msecsTo(run.finished));
    case TargetColumn:
        return run.target == kStorage ? tr("Storage") : run.target;
    case OwnerColumn:
        return m_userNames.value(run.userId, tr("User %1").arg(run.userId));
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RunsModel::sortValue(const RunRecord &run, int column) const
{
    switch (Column(column)) {
    case IdColumn:
        return run.id;
    case SeedColumn:
        return qulonglong(run.seed);
    case RowsColumn:
        return totalRows(run);
    case BytesColumn:
        return run.bytes;
    case StartedColumn:
        return run.started;
    case TookColumn:
        // A running run sorts after every finished one.
        return run.finished.isValid() ? run.started.msecsTo(run.finished)
                                      : std::numeric_limits<qint64>::max();
    case StatusColumn:
        return int(run.status);
    default:
        return display(run, column);
    }
}

QVariant RunsModel::toolTip(const RunRecord &run, int column) const
{
    const QLocale locale;
    switch (Column(column)) {
    case StatusColumn:
        switch (run.status) {
        case RunRecord::Status::Queued:
            return tr("The run waits for a worker to take it.");
        case RunRecord::Status::Running:
            return tr("The run is still going on.");
        case RunRecord::Status::Finished:
            return hasStoredRows(run) ? tr("Finished; its rows are kept in storage.") : tr("Finished.");
        case RunRecord::Status::Failed:
            return tr("The run failed and left its target as it was.");
        case RunRecord::Status::Cancelled:
            return tr("The run was cancelled and left its target as it was.");
        }
        break;
    case RowsColumn: {
        QStringList lines;
        for (auto it = run.rowCounts.begin(); it != run.rowCounts.end(); ++it)
            lines << tr("%1: %2").arg(it.key(), locale.toString(it.value()));
        return lines.join(QLatin1Char('\n'));
    }
    case BytesColumn:
        return run.status == RunRecord::Status::Running ? QVariant()
                                                        : tr("%1 bytes").arg(locale.toString(run.bytes));
    case StartedColumn:
        return locale.toString(run.started.toLocalTime(), QLocale::LongFormat);
    case TookColumn:
        return run.finished.isValid()
                   ? tr("Finished %1").arg(locale.toString(run.finished.toLocalTime(), QLocale::LongFormat))
                   : QVariant();
    case TargetColumn:
        return run.target == kStorage ? tr("The rows are kept in Fabrica's storage.") : run.target;
    default:
        break;
    }
    return {};
}

QVariant RunsModel::decoration(const RunRecord &run, int column) const
{
    if (column == StatusColumn) {
        switch (run.status) {
        case RunRecord::Status::Queued:
        case RunRecord::Status::Running:
            return Icons::get(QStringLiteral("run-running"));
        case RunRecord::Status::Finished:
            return Icons::get(QStringLiteral("run-finished"));
        case RunRecord::Status::Failed:
            return Icons::get(QStringLiteral("error"));
        case RunRecord::Status::Cancelled:
            return Icons::get(QStringLiteral("run-cancelled"));
        }
    }
    if (column == TargetColumn) {
        if (run.target == kStorage)
            return Icons::get(QStringLiteral("history"));
        return Icons::get(isDatabaseTarget(run.target) ? QStringLiteral("database") : QStringLiteral("file"));
    }
    return {};
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case IdColumn:
        return tr("Run #");
    case SchemaColumn:
        return tr("Schema");
    case StatusColumn:
        return tr("Status");
    case SeedColumn:
        return tr("Seed");
    case RowsColumn:
        return tr("Rows");
    case BytesColumn:
        return tr("Bytes");
    case StartedColumn:
        return tr("Started");
    case TookColumn:
        return tr("Took");
    case TargetColumn:
        return tr("Target");
    case OwnerColumn:
        return tr("Run By");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace fabrica
