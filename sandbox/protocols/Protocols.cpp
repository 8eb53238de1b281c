#include "sandbox/protocols/Protocols.h"

namespace courier::sandbox {

void registerAllProtocols(Router &router, SandboxContext &context)
{
    registerControlRoutes(router, context);
    registerExchangeProducerRoutes(router, context);
    registerExchangeConsumerRoutes(router, context);
    registerGa4Routes(router, context);
    registerApsisRoutes(router, context);
    registerFountRoutes(router, context);
    registerAepRoutes(router, context);
    registerMetaRoutes(router, context);
    registerFountWebhookRoutes(router, context);
    registerExchangePullConsumerRoutes(router, context);
}

} // namespace courier::sandbox
