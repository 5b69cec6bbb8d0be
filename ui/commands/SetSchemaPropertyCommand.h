#pragma once

#include "SchemaCommand.h"

namespace fabrica {

// Sets the schema's name, description, locale or reference date; typing in one field merges into one step.
class SetSchemaPropertyCommand : public SchemaCommand
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SetSchemaPropertyCommand)

public:
    enum class Property { Name, Description, Locale, ReferenceDate }; // ReferenceDate: "YYYY-MM-DD" or ""

    SetSchemaPropertyCommand(SchemaDocument *document, Property property, const QString &value);
    void redo() override { apply(m_after); }
    void undo() override { apply(m_before); }
    int id() const override { return int(CommandId::SetSchemaProperty); }
    bool mergeWith(const QUndoCommand *other) override;

    static QString value(const Schema &schema, Property property);

private:
    void apply(const QString &value);

    Property m_property;
    QString m_before;
    QString m_after;
};

} // namespace fabrica
