#pragma once

#include "ConstraintField.h"

namespace fabrica {

class DistributionEditor;

// A distribution constraint key ("distribution" of numbers, dates and timestamps).
class DistributionField : public ConstraintField
{
    Q_OBJECT

public:
    explicit DistributionField(const ConstraintKey &key, QWidget *parent = nullptr);
    DistributionEditor *distributionEditor() const { return m_editor; }

protected:
    void display(const QJsonObject &values) override;

private:
    DistributionEditor *m_editor;
};

} // namespace fabrica
