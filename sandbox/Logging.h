#pragma once

#include <QLoggingCategory>

namespace courier::sandbox {

// Every request and every fault the sandbox applies is logged here (never a credential);
// quiet with QT_LOGGING_RULES="courier.sandbox.debug=false".
Q_DECLARE_LOGGING_CATEGORY(lcSandbox)

} // namespace courier::sandbox
