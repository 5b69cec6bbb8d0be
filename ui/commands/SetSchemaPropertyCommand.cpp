#include "SetSchemaPropertyCommand.h"

namespace fabrica {

SetSchemaPropertyCommand::SetSchemaPropertyCommand(SchemaDocument *document, Property property,
                                                   const QString &value)
    : SchemaCommand(document), m_property(property), m_before(this->value(document->schema(), property)), m_after(value)
{
    switch (property) {
    case Property::Name:
        setText(tr("Rename schema to %1").arg(value));
        break;
    case Property::Description:
        setText(tr("Describe the schema"));
        break;
    case Property::Locale:
        setText(tr("Set the schema's locale to %1").arg(value.isEmpty() ? QStringLiteral("en_US") : value));
        break;
    case Property::ReferenceDate:
        setText(value.isEmpty() ? tr("Clear the schema's reference date")
                                : tr("Set the schema's reference date to %1").arg(value));
        break;
    }
}

QString SetSchemaPropertyCommand::value(const Schema &schema, Property property)
{
    switch (property) {
    case Property::Name:
        return schema.name;
    case Property::Description:
        return schema.description;
    case Property::Locale:
        return schema.locale;
    case Property::ReferenceDate:
        return schema.referenceDate.isValid() ? schema.referenceDate.toString(Qt::ISODate) : QString();
    }
    return {};
}

void SetSchemaPropertyCommand::apply(const QString &value)
{
    switch (m_property) {
    case Property::Name:
        m_document->setName(value);
        break;
    case Property::Description:
        m_document->setDescription(value);
        break;
    case Property::Locale:
        m_document->setLocale(value);
        break;
    case Property::ReferenceDate:
        m_document->setReferenceDate(QDate::fromString(value, Qt::ISODate));
        break;
    }
}

bool SetSchemaPropertyCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const SetSchemaPropertyCommand *>(other);
    if (next->m_property != m_property)
        return false;
    m_after = next->m_after;
    setText(next->text());
    setObsolete(m_after == m_before);
    return true;
}

} // namespace fabrica
