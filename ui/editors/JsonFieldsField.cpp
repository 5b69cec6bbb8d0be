#include "JsonFieldsField.h"

#include "Icons.h"
#include "format/CanonicalJson.h"
#include "model/ConstraintKeys.h"
#include "model/UniqueName.h"
#include "types/TypeRegistry.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace fabrica {

namespace {

const QString kType = QStringLiteral("type");
const QString kConstraints = QStringLiteral("constraints");
const QString kJsonType = QStringLiteral("json");

// Field types: every data type but foreign_key, which a field cannot be.
QStringList fieldTypes()
{
    QStringList ids;
    for (const DataType &type : TypeRegistry::instance().types()) {
        if (type.id != QLatin1String("foreign_key"))
            ids << type.id;
    }
    return ids;
}

// Edits the type column with a combo box of the data types.
class TypeDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override
    {
        if (index.column() != JsonFieldsField::TypeColumn)
            return QStyledItemDelegate::createEditor(parent, option, index);
        auto *combo = new QComboBox(parent);
        combo->setObjectName(QStringLiteral("fieldTypeEditor"));
        combo->addItems(fieldTypes());
        return combo;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        if (auto *combo = qobject_cast<QComboBox *>(editor))
            combo->setCurrentText(index.data().toString());
        else
            QStyledItemDelegate::setEditorData(editor, index);
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        if (auto *combo = qobject_cast<QComboBox *>(editor))
            model->setData(index, combo->currentText());
        else
            QStyledItemDelegate::setModelData(editor, model, index);
    }
};

QString compact(const QJsonObject &object)
{
    return object.isEmpty() ? QString()
                            : QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

JsonFieldsField::JsonFieldsField(const ConstraintKey &key, QWidget *parent)
    : ConstraintField(key, parent)
    , m_pages(new QStackedWidget)
    , m_model(new QStandardItemModel(this))
    , m_tree(new QTreeView)
    , m_raw(new QPlainTextEdit)
    , m_error(new QLabel)
{
    auto *box = new QWidget(this);
    box->setObjectName(QStringLiteral("editor"));
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    m_model->setHorizontalHeaderLabels({tr("Field"), tr("Type"), tr("Constraints")});
    m_tree->setObjectName(QStringLiteral("fieldsTree"));
    m_tree->setModel(m_model);
    m_tree->setItemDelegate(new TypeDelegate(m_tree));
    m_tree->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->resizeSection(NameColumn, 140);
    m_tree->header()->resizeSection(TypeColumn, 120);
    m_tree->setMinimumHeight(160);
    m_raw->setObjectName(QStringLiteral("fieldsJson"));
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_pages->addWidget(m_tree);
    m_pages->addWidget(m_raw);
    layout->addWidget(m_pages);

    m_error->setObjectName(QStringLiteral("fieldsError"));
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QHBoxLayout;
    auto makeButton = [box, buttons](const QString &name, const QString &text, const QString &tip,
                                     const QString &icon = {}) {
        auto *button = new QToolButton(box);
        button->setObjectName(name);
        button->setText(text);
        if (!icon.isEmpty()) {
            button->setIcon(Icons::get(icon));
            button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        }
        button->setToolTip(tip);
        buttons->addWidget(button);
        return button;
    };
    m_add = makeButton(QStringLiteral("addField"), tr("Add field"), tr("Add a field at the top level"),
                       QStringLiteral("new"));
    m_addNested = makeButton(QStringLiteral("addNestedField"), tr("Add nested field"),
                             tr("Add a field inside the selected json field"));
    m_remove = makeButton(QStringLiteral("removeField"), tr("Remove"), tr("Remove the selected field"),
                          QStringLiteral("delete"));
    buttons->addStretch(1);
    m_rawToggle =
        makeButton(QStringLiteral("rawFields"), tr("Edit as JSON"), tr("Edit the fields as raw JSON"));
    m_rawToggle->setCheckable(true);
    layout->addLayout(buttons);
    setEditor(box);
    setFocusProxy(m_tree);

    connect(m_model, &QStandardItemModel::itemChanged, this, &JsonFieldsField::treeEdited);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &JsonFieldsField::updateButtons);
    connect(m_raw, &QPlainTextEdit::textChanged, this, &JsonFieldsField::rawEdited);
    connect(m_add, &QToolButton::clicked, this, [this] { addField(false); });
    connect(m_addNested, &QToolButton::clicked, this, [this] { addField(true); });
    connect(m_remove, &QToolButton::clicked, this, &JsonFieldsField::removeField);
    connect(m_rawToggle, &QToolButton::toggled, this, [this](bool raw) {
        m_pages->setCurrentIndex(raw ? 1 : 0);
        m_add->setEnabled(!raw);
        updateButtons();
        setFocusProxy(raw ? static_cast<QWidget *>(m_raw) : m_tree);
    });
    updateButtons();
}

QString JsonFieldsField::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void JsonFieldsField::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

QStandardItem *JsonFieldsField::currentNameItem() const
{
    const QModelIndex current = m_tree->currentIndex();
    return current.isValid() ? m_model->itemFromIndex(current.siblingAtColumn(NameColumn)) : nullptr;
}

void JsonFieldsField::updateButtons()
{
    const QStandardItem *current = currentNameItem();
    const bool raw = m_rawToggle->isChecked();
    const QModelIndex type = current ? current->index().siblingAtColumn(TypeColumn) : QModelIndex();
    m_addNested->setEnabled(!raw && type.isValid() && type.data().toString() == kJsonType);
    m_remove->setEnabled(!raw && current);
}

QStandardItem *JsonFieldsField::addItem(QStandardItem *parent, const QString &name, const QString &type,
                                        const QJsonObject &constraints)
{
    auto *nameItem = new QStandardItem(name);
    auto *typeItem = new QStandardItem(type);
    auto *constraintsItem = new QStandardItem(compact(constraints));
    constraintsItem->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    constraintsItem->setToolTip(tr("The field's constraints as a JSON object, e.g. {\"min\": 1}"));
    (parent ? parent : m_model->invisibleRootItem())->appendRow({nameItem, typeItem, constraintsItem});
    return nameItem;
}

void JsonFieldsField::fill(QStandardItem *parent, const QJsonObject &fields)
{
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const QJsonObject spec = it.value().toObject();
        QJsonObject constraints = spec.value(kConstraints).toObject();
        const QString type = spec.value(kType).toString();
        const QJsonObject nested = constraints.value(keys::fields).toObject();
        if (type == kJsonType)
            constraints.remove(keys::fields); // shown as children
        QStandardItem *item = addItem(parent, it.key(), type, constraints);
        if (type == kJsonType)
            fill(item, nested);
    }
}

void JsonFieldsField::refill(const QJsonObject &fields)
{
    m_filling = true;
    m_model->removeRows(0, m_model->rowCount());
    fill(nullptr, fields);
    m_tree->expandAll();
    m_filling = false;
}

void JsonFieldsField::display(const QJsonObject &values)
{
    const QJsonObject fields = values.value(key().name).toObject();
    refill(fields);
    const QString text = QString::fromUtf8(CanonicalJson().write(fields));
    m_filling = true;
    if (!m_raw->hasFocus() || m_raw->toPlainText() != text)
        m_raw->setPlainText(text);
    m_filling = false;
    showError({});
    updateButtons();
}

Result<QJsonObject> JsonFieldsField::fieldsOf(QStandardItem *parent) const
{
    QJsonObject fields;
    for (int row = 0; row < parent->rowCount(); ++row) {
        QStandardItem *item = parent->child(row, NameColumn);
        const QString name = item->text().trimmed();
        if (name.isEmpty())
            return makeError(ErrorCode::InvalidInput, tr("a field needs a name"));
        if (fields.contains(name))
            return makeError(ErrorCode::InvalidInput, tr("the field name \"%1\" is used twice").arg(name));
        QJsonObject constraints;
        const QString text = parent->child(row, ConstraintsColumn)->text().trimmed();
        if (!text.isEmpty()) {
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
            if (error.error != QJsonParseError::NoError || !document.isObject())
                return makeError(ErrorCode::InvalidInput,
                                 tr("the constraints of field \"%1\" must be a JSON object such as "
                                    "{\"min\": 1}")
                                     .arg(name));
            constraints = document.object();
        }
        const QString type = parent->child(row, TypeColumn)->text();
        if (type == kJsonType) {
            const Result<QJsonObject> nested = fieldsOf(item);
            if (!nested)
                return nested.error();
            constraints.insert(keys::fields, *nested);
        }
        QJsonObject spec{{kType, type}};
        if (!constraints.isEmpty())
            spec.insert(kConstraints, constraints);
        fields.insert(name, spec);
    }
    return fields;
}

Result<QJsonObject> JsonFieldsField::fieldsFromTree() const
{
    return fieldsOf(m_model->invisibleRootItem());
}

void JsonFieldsField::treeEdited()
{
    if (m_filling)
        return;
    updateButtons();
    const Result<QJsonObject> fields = fieldsFromTree();
    if (!fields) {
        showError(fields.error().message);
        return;
    }
    showError({});
    change(key().name, *fields);
}

void JsonFieldsField::rawEdited()
{
    if (m_filling || !m_rawToggle->isChecked())
        return;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(m_raw->toPlainText().toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        showError(error.error != QJsonParseError::NoError ? error.errorString()
                                                          : tr("the fields must be a JSON object"));
        return;
    }
    showError({});
    if (document.object() != shown().value(key().name).toObject()) {
        change(key().name, document.object());
        refill(document.object()); // the tree in step for when the user switches back
    }
}

void JsonFieldsField::addField(bool nested)
{
    QStandardItem *parent = nested ? currentNameItem() : nullptr;
    if (nested && (!parent || parent->index().siblingAtColumn(TypeColumn).data().toString() != kJsonType))
        return;
    QStandardItem *under = parent ? parent : m_model->invisibleRootItem();
    QStringList taken;
    for (int row = 0; row < under->rowCount(); ++row)
        taken << under->child(row, NameColumn)->text();
    m_filling = true;
    QStandardItem *item =
        addItem(parent, uniqueName(QStringLiteral("field"), taken), QStringLiteral("string"), {});
    m_filling = false;
    if (parent)
        m_tree->expand(parent->index());
    m_tree->setCurrentIndex(item->index());
    treeEdited();
    m_tree->edit(item->index());
}

void JsonFieldsField::removeField()
{
    QStandardItem *item = currentNameItem();
    if (!item)
        return;
    m_filling = true;
    m_model->removeRow(item->row(), item->parent() ? item->parent()->index() : QModelIndex());
    m_filling = false;
    treeEdited();
}

} // namespace fabrica
