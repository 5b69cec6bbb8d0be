#pragma once

#include "GenerationProgress.h"

#include <QAbstractTableModel>

namespace fabrica {

// The tables of a running generation as rows: name, a progress bar's share (ShareRole, painted by
// ProgressBarDelegate) and "done / total" rows. Follows a GenerationProgress, changing only what moved.
class GenerationProgressModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TableColumn, ProgressColumn, RowsColumn, ColumnCount };
    enum Role { ShareRole = Qt::UserRole + 1 }; // double 0..1

    explicit GenerationProgressModel(QObject *parent = nullptr);

    void setProgress(const GenerationProgress &progress);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString name;
        qint64 rows = 0;
        qint64 done = 0;
        double share = 0;
    };
    QList<Row> m_rows;
};

} // namespace fabrica
