#include "MetaSchema.h"

#include <type_traits>

namespace courier {

namespace {

struct FieldSpec
{
    const char *name;
    bool identifier;
    bool hashed;
    ValueShape shape;
    const char *synonyms; // '|'-separated, matched by the auto-suggest
};

// In Meta's documentation order of the multi-key schema, identifiers first.
constexpr FieldSpec Fields[] = {
    {"EMAIL", true, true, ValueShape::Email, "email|e-mail|mail|email address|e-mail address"},
    {"PHONE", true, true, ValueShape::Phone,
     // "phone_digits" tells the auto-suggest that Meta wants the digits without the plus.
     "phone|phone number|mobile|mobile phone|cell|cellphone|telephone|msisdn|phone_digits"},
    {"MADID", true, false, ValueShape::DeviceId,
     "madid|maid|mobile advertiser id|advertising id|device id|gaid|idfa|aaid"},
    {"EXTERN_ID", true, false, ValueShape::Any,
     "extern_id|external id|customer id|member id|user id|crm id|loyalty id"},
    {"FN", false, true, ValueShape::Name, "first name|firstname|given name|forename"},
    {"LN", false, true, ValueShape::Name, "last name|lastname|surname|family name"},
    {"FI", false, true, ValueShape::Any, "first initial|initial"},
    {"GEN", false, true, ValueShape::Any, "gender|sex"},
    {"DOBY", false, true, ValueShape::Number, "birth year|year of birth|yob"},
    {"DOBM", false, true, ValueShape::Number, "birth month|month of birth"},
    {"DOBD", false, true, ValueShape::Number, "day of birth|birth date day"},
    {"CT", false, true, ValueShape::Any, "city|town"},
    {"ST", false, true, ValueShape::Any, "state|region|province|county"},
    {"ZIP", false, true, ValueShape::PostalCode, "zip|zip code|postcode|postal code"},
    {"COUNTRY", false, true, ValueShape::CountryCode, "country|country code"},
};

const FieldSpec *spec(const QString &name)
{
    for (const FieldSpec &field : Fields) {
        if (name == QLatin1StringView(field.name))
            return &field;
    }
    return nullptr;
}

} // namespace

DestinationSchema MetaSchema::schema()
{
    // The labels say how Meta wants the value before hashing, because that is what people
    // get wrong (and Meta then silently matches nobody).
    const QString labels[] = {
        tr("Email address (trimmed, lower case; SHA-256)"),
        tr("Phone number (digits with country code, no +; SHA-256)"),
        tr("Mobile advertiser id (GAID/IDFA, not hashed)"),
        tr("Your own member id (not hashed)"),
        tr("First name (lower case, no punctuation; SHA-256)"),
        tr("Last name (lower case, no punctuation; SHA-256)"),
        tr("First initial (lower case; SHA-256)"),
        tr("Gender (m or f; SHA-256)"),
        tr("Birth year (YYYY; SHA-256)"),
        tr("Birth month (MM; SHA-256)"),
        tr("Birth day (DD; SHA-256)"),
        tr("City (lower case, no spaces or punctuation; SHA-256)"),
        tr("State or region (2-letter code in the US, lower case; SHA-256)"),
        tr("Postal code (lower case, no spaces; US: 5 digits; SHA-256)"),
        tr("Country (2-letter ISO code, lower case; SHA-256)"),
    };
    static_assert(std::size(Fields) == std::extent_v<decltype(labels)>);

    DestinationSchema schema;
    schema.acceptsOtherFields = false;
    schema.minIdentifiers = 1;
    for (size_t i = 0; i < std::size(Fields); ++i) {
        const FieldSpec &spec = Fields[i];
        DestinationField field;
        field.name = QString::fromLatin1(spec.name);
        field.label = labels[i];
        field.identifier = spec.identifier;
        field.hashed = spec.hashed;
        field.shape = spec.shape;
        field.synonyms =
            QString::fromLatin1(spec.synonyms).split(QLatin1Char('|'), Qt::SkipEmptyParts);
        schema.fields.append(std::move(field));
    }
    return schema;
}

bool MetaSchema::isField(const QString &name)
{
    return spec(name) != nullptr;
}

bool MetaSchema::isHashed(const QString &name)
{
    const FieldSpec *field = spec(name);
    return field && field->hashed;
}

} // namespace courier
