#pragma once

#include "validate/Problem.h"

#include <QAbstractTableModel>

namespace fabrica {

// The problems dock's list: severity, place ("orders.amount"), key and message, errors first.
class ProblemsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Section { PlaceSection, MessageSection, SectionCount };
    enum Role { TableRole = Qt::UserRole + 1, ColumnRole, KeyRole };

    explicit ProblemsModel(QObject *parent = nullptr);

    void setProblems(const Problems &problems);
    const Problems &problems() const { return m_problems; }
    const Problem &problem(int row) const { return m_problems.at(row); }
    int errorCount() const;
    int warningCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Problems m_problems;
};

} // namespace fabrica
