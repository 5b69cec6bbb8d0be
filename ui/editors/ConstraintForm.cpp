#include "ConstraintForm.h"

#include "AfterField.h"
#include "BooleanField.h"
#include "CardinalityField.h"
#include "ChoiceField.h"
#include "FormulaField.h"
#include "DistributionField.h"
#include "IntegerField.h"
#include "JsonFieldsField.h"
#include "NumberField.h"
#include "NumberListField.h"
#include "ObjectField.h"
#include "ReferenceField.h"
#include "TemporalField.h"
#include "TextField.h"
#include "WeightedValuesField.h"
#include "WeightsByField.h"
#include "model/ConstraintKeys.h"
#include "types/TypeRegistry.h"
#include "validate/RelationChecker.h"

#include <QFormLayout>
#include <QLabel>
#include <QScrollArea>

namespace fabrica {

ConstraintForm::ConstraintForm(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QFormLayout(this))
    , m_note(new QLabel(this))
{
    setObjectName(QStringLiteral("constraintsForm"));
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_layout->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    m_note->setObjectName(QStringLiteral("formNote"));
    m_note->setWordWrap(true);
    m_layout->addRow(m_note);
    m_note->hide();
}

bool ConstraintForm::appliesTo(const QString &key, const DataType &type)
{
    // Relations exist for some types only; a field the type cannot use would only invite a problem.
    if (key == keys::after)
        return RelationChecker::isTemporal(type.id) || RelationChecker::isNumeric(type.id);
    if (key == keys::formula)
        return RelationChecker::isNumeric(type.id);
    if (key == keys::weightsBy)
        return type.id == QLatin1String("enum");
    return true;
}

ConstraintField *ConstraintForm::createField(const ConstraintKey &key, const ConstraintKey *weights)
{
    switch (key.kind) {
    case ValueKind::Boolean:
        return new BooleanField(key);
    case ValueKind::Integer:
        return new IntegerField(key);
    case ValueKind::Number:
        return new NumberField(key);
    case ValueKind::Choice:
        return new ChoiceField(key);
    case ValueKind::Date:
    case ValueKind::Time:
    case ValueKind::Timestamp:
        return new TemporalField(key);
    case ValueKind::String:
        if (key.name == keys::formula)
            return new FormulaField(key);
        return new TextField(key);
    case ValueKind::StringList:
        return new WeightedValuesField(key, weights);
    case ValueKind::NumberList:
        return new NumberListField(key);
    case ValueKind::Reference:
        return new ReferenceField(key);
    case ValueKind::Distribution:
        return new DistributionField(key);
    case ValueKind::Object:
        if (key.name == keys::cardinality)
            return new CardinalityField(key);
        if (key.name == keys::fields)
            return new JsonFieldsField(key);
        if (key.name == keys::after)
            return new AfterField(key);
        if (key.name == keys::weightsBy)
            return new WeightsByField(key);
        return new ObjectField(key);
    }
    return new ObjectField(key);
}

void ConstraintForm::clearFields()
{
    while (m_layout->rowCount() > 1)
        m_layout->removeRow(1); // deletes the label and the field
    m_fields.clear();
    m_byKey.clear();
}

void ConstraintForm::setType(const DataType *type)
{
    clearFields();
    m_type = type;
    m_note->setVisible(!type);
    if (!type) {
        m_note->setText(tr("This column's type is unknown, so there is no form for its constraints. Choose a "
                           "type above, or edit the constraints on the JSON tab."));
        return;
    }
    // The type's own keys first, then the common ones it does not define itself.
    QList<ConstraintKey> keys = type->keys;
    for (const ConstraintKey &common : TypeRegistry::instance().commonKeys()) {
        if (!type->key(common.name) && appliesTo(common.name, *type))
            keys.append(common);
    }
    const ConstraintKey *weights = type->key(keys::weights);
    const bool weightedValues = weights && type->key(keys::values);
    for (const ConstraintKey &key : std::as_const(keys)) {
        if (key.name == keys::weights && weightedValues)
            continue; // edited beside the values
        ConstraintField *field =
            createField(key, key.name == keys::values && weightedValues ? weights : nullptr);
        field->setParent(this);
        auto *label = new QLabel(key.required ? key.name + QStringLiteral(" *") : key.name, this);
        label->setObjectName(QStringLiteral("label_") + key.name);
        label->setToolTip(key.required ? key.description + QLatin1Char('\n') + tr("Required.")
                                       : key.description);
        if (key.required) {
            QFont bold = label->font();
            bold.setBold(true);
            label->setFont(bold);
        }
        label->setBuddy(field);
        if (field->isWide()) {
            m_layout->addRow(label);
            m_layout->addRow(field);
        } else {
            m_layout->addRow(label, field);
        }
        connect(field, &ConstraintField::edited, this, &ConstraintForm::edited);
        m_fields.append(field);
        for (const QString &name : field->keys())
            m_byKey.insert(name, field);
    }
    for (ConstraintField *field : std::as_const(m_fields)) {
        field->setConstraints(m_constraints);
        field->setKeyColumns(m_keyColumns);
        if (m_column >= 0)
            field->setTable(m_table, m_column);
    }
}

void ConstraintForm::setConstraints(const QJsonObject &constraints)
{
    m_constraints = constraints;
    for (ConstraintField *field : std::as_const(m_fields))
        field->setConstraints(constraints);
}

void ConstraintForm::setProblems(const QHash<QString, QStringList> &problems)
{
    for (ConstraintField *field : std::as_const(m_fields)) {
        QStringList messages;
        for (const QString &name : field->keys())
            messages += problems.value(name);
        field->setProblem(messages.join(QLatin1Char('\n')));
    }
}

void ConstraintForm::setKeyColumns(const QStringList &columns)
{
    m_keyColumns = columns;
    for (ConstraintField *field : std::as_const(m_fields))
        field->setKeyColumns(columns);
}

void ConstraintForm::setTable(const Table &table, int column)
{
    if (m_column == column && m_table == table)
        return;
    m_table = table;
    m_column = column;
    for (ConstraintField *field : std::as_const(m_fields))
        field->setTable(table, column);
}

void ConstraintForm::setExamples(const ColumnPreview::Values &values, const QString &error)
{
    for (ConstraintField *field : std::as_const(m_fields))
        field->setExamples(values, error);
}

QStringList ConstraintForm::keys() const
{
    QStringList names;
    for (const ConstraintField *field : m_fields)
        names += field->keys();
    return names;
}

ConstraintField *ConstraintForm::field(const QString &key) const
{
    return m_byKey.value(key);
}

bool ConstraintForm::focusKey(const QString &key)
{
    ConstraintField *target = field(key);
    if (!target)
        return false;
    for (QWidget *ancestor = parentWidget(); ancestor; ancestor = ancestor->parentWidget()) {
        if (auto *scroll = qobject_cast<QScrollArea *>(ancestor)) {
            scroll->ensureWidgetVisible(target);
            break;
        }
    }
    target->focusEditor();
    return true;
}

} // namespace fabrica
