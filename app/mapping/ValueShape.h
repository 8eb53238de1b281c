#pragma once

namespace courier {

// What the values of a field look like. Destinations declare it for their fields, and the
// auto-suggest recognises it in sample values, so "Contact" holding e-mail addresses still
// finds the destination's email field.
enum class ValueShape {
    Any,
    Email,
    Phone,
    DeviceId, // a mobile advertising id (GAID / IDFA, a UUID)
    Sha256,   // 64 hex digits
    Date,
    Number,
    CountryCode, // ISO 3166-1 alpha-2
    PostalCode,
    Name,
};

} // namespace courier
