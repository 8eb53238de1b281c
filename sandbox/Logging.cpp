#include "sandbox/Logging.h"

namespace courier::sandbox {

Q_LOGGING_CATEGORY(lcSandbox, "courier.sandbox")

} // namespace courier::sandbox
