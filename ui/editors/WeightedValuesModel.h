#pragma once

#include <QAbstractTableModel>
#include <QStringList>

namespace fabrica {

// The entries of a "values" list with their optional "weights" (an enum) as a table: value, weight. Each
// row's share of the total weight is ShareRole. Without weights every value counts 1 (shown greyed).
// Edits through setData() and the entry functions emit edited(); setEntries() is the document's side.
class WeightedValuesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { ValueColumn, WeightColumn };
    enum Role { ShareRole = Qt::UserRole + 1 }; // 0..1

    explicit WeightedValuesModel(QObject *parent = nullptr);

    // Whether the weight column exists (the type has a "weights" key).
    void setWeighted(bool weighted);
    bool isWeighted() const { return m_weighted; }
    // Replaces everything; empty weights = not set. defaulted: the entries are the key's default.
    void setEntries(const QStringList &values, const QList<double> &weights, bool defaulted = false);
    const QStringList &values() const { return m_values; }
    const QList<double> &weights() const { return m_weights; }
    bool hasWeights() const { return !m_weights.isEmpty(); }
    double weight(int row) const;
    double share(int row) const;

    void appendEntry(const QString &value);
    void removeEntries(QList<int> rows);
    void moveEntry(int from, int to);
    // Drops the weights: every value equally likely.
    void clearWeights();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void edited();

private:
    void weightsChanged();

    QStringList m_values;
    QList<double> m_weights; // empty or one per value
    bool m_weighted = true;
    bool m_defaulted = false;
};

} // namespace fabrica
