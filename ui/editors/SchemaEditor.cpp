#include "SchemaEditor.h"

#include "Icons.h"
#include "session/SchemaSession.h"
#include "validate/SchemaValidator.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace fabrica {

SchemaEditor::SchemaEditor(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("schemaName"));
    m_name->setToolTip(tr("The schema's name; stored schemas of one user have different names."));
    form->addRow(tr("&Name:"), m_name);
    m_locale = new QComboBox(this);
    m_locale->setObjectName(QStringLiteral("schemaLocale"));
    m_locale->addItem(tr("Default (en_US)"), QString());
    for (const QString &locale : SchemaValidator::locales())
        m_locale->addItem(locale, locale);
    m_locale->setToolTip(tr("Language and country of names, addresses and phone numbers, unless a column says otherwise."));
    form->addRow(tr("&Locale:"), m_locale);
    m_referenceSet = new QCheckBox(tr("&Fixed"), this);
    m_referenceSet->setObjectName(QStringLiteral("schemaReferenceDateSet"));
    m_referenceDate = new QDateEdit(this);
    m_referenceDate->setObjectName(QStringLiteral("schemaReferenceDate"));
    m_referenceDate->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_referenceDate->setCalendarPopup(true);
    m_referenceDate->setDateRange(QDate(1900, 1, 1), QDate(2099, 12, 31));
    const QString referenceHelp =
        tr("The day the generated data treats as today: dates and timestamps without a range end here, so "
           "nothing lies in the future and the output stays the same on every later day. When not fixed, "
           "the schema's creation date is used (or 2026-01-01).");
    m_referenceSet->setToolTip(referenceHelp);
    m_referenceDate->setToolTip(referenceHelp);
    auto *reference = new QHBoxLayout;
    reference->addWidget(m_referenceSet);
    reference->addWidget(m_referenceDate, 1);
    // A label of its own with a buddy: a row of a layout gets none, and would show the '&' as text.
    auto *referenceLabel = new QLabel(tr("&Reference date:"), this);
    referenceLabel->setBuddy(m_referenceSet);
    form->addRow(referenceLabel, reference);
    m_description = new QPlainTextEdit(this);
    m_description->setObjectName(QStringLiteral("schemaDescription"));
    m_description->setTabChangesFocus(true);
    m_description->setMaximumHeight(120);
    form->addRow(tr("&Description:"), m_description);
    layout->addLayout(form);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("schemaSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    layout->addWidget(m_summary);
    auto *addTable = new QPushButton(Icons::get(QStringLiteral("add-table")), tr("Add &Table"), this);
    addTable->setObjectName(QStringLiteral("schemaAddTable"));
    connect(addTable, &QPushButton::clicked, this, &SchemaEditor::addTableRequested);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(addTable);
    buttons->addStretch();
    layout->addLayout(buttons);
    layout->addStretch();

    using Property = SetSchemaPropertyCommand::Property;
    connect(m_name, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (m_session)
            m_session->setSchemaProperty(Property::Name, text);
    });
    connect(m_locale, &QComboBox::activated, this, [this] {
        if (m_session)
            m_session->setSchemaProperty(Property::Locale, m_locale->currentData().toString());
    });
    auto setReference = [this] {
        if (m_session && !m_refreshing)
            m_session->setSchemaProperty(
                Property::ReferenceDate,
                m_referenceSet->isChecked() ? m_referenceDate->date().toString(Qt::ISODate) : QString());
    };
    connect(m_referenceSet, &QCheckBox::toggled, this, setReference);
    connect(m_referenceDate, &QDateEdit::dateChanged, this, setReference);
    connect(m_description, &QPlainTextEdit::textChanged, this, [this] {
        if (m_session && !m_refreshing)
            m_session->setSchemaProperty(Property::Description, m_description->toPlainText());
    });
    setSession(nullptr);
}

void SchemaEditor::setSession(SchemaSession *session)
{
    if (m_session)
        disconnect(m_session->document(), nullptr, this, nullptr);
    m_session = session;
    if (m_session)
        connect(m_session->document(), &SchemaDocument::changed, this, &SchemaEditor::refresh);
    setEnabled(m_session);
    refresh();
}

void SchemaEditor::refresh()
{
    m_refreshing = true;
    const Schema schema = m_session ? m_session->schema() : Schema{};
    m_title->setText(m_session ? m_session->displayName() : QString());
    // A field being typed in keeps its cursor: only rewrite it when the document says otherwise.
    if (m_name->text() != schema.name)
        m_name->setText(schema.name);
    if (m_description->toPlainText() != schema.description)
        m_description->setPlainText(schema.description);
    const int locale = m_locale->findData(schema.locale);
    m_locale->setCurrentIndex(locale >= 0 ? locale : 0);
    // Unset shows the date in effect, greyed: what the data uses until the user fixes one.
    m_referenceSet->setChecked(schema.referenceDate.isValid());
    m_referenceDate->setEnabled(schema.referenceDate.isValid());
    if (m_referenceDate->date() != schema.effectiveReferenceDate())
        m_referenceDate->setDate(schema.effectiveReferenceDate());
    qint64 rows = 0;
    int columns = 0;
    for (const Table &table : schema.tables) {
        rows += table.rows;
        columns += int(table.columns.size());
    }
    m_summary->setText(tr("%n table(s)", nullptr, int(schema.tables.size())) + QStringLiteral(" · ") +
                       tr("%n column(s)", nullptr, columns) + QStringLiteral(" · ") +
                       tr("%L1 rows to generate").arg(rows));
    m_refreshing = false;
}

} // namespace fabrica
