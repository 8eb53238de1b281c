#pragma once

#include "connectors/Destination.h"

#include <QCoreApplication>

namespace courier {

// The fields of Meta's custom audience customer-file schema (Marketing API, "users" and
// "usersreplace" payloads), as a destination schema: identifiers (EMAIL, PHONE, MADID,
// EXTERN_ID) and the multi-key attributes (FN, LN, FI, GEN, DOBY, DOBM, DOBD, CT, ST, ZIP,
// COUNTRY). Meta takes no other field. Every field except MADID and EXTERN_ID must arrive as
// a lower-case SHA-256 hex digest of the value normalised Meta's way (see docs/connectors.md).
class MetaSchema
{
    Q_DECLARE_TR_FUNCTIONS(MetaSchema)

public:
    static DestinationSchema schema();

    // True for a field name Meta's payload schema knows (case-sensitive, as Meta spells it).
    static bool isField(const QString &name);
    // True when Meta expects the field's values hashed (SHA-256, 64 lower-case hex digits).
    static bool isHashed(const QString &name);
};

} // namespace courier
