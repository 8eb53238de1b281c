#pragma once

namespace courier::sandbox {

class Router;
class SandboxContext;

// The one place every protocol is registered. A protocol is a function that adds its routes
// to the router; its state lives in context.state<YourState>().
void registerAllProtocols(Router &router, SandboxContext &context);

// The sandbox's own routes under /sandbox (health, faults, reset, request log). Exempt from
// fault injection.
void registerControlRoutes(Router &router, SandboxContext &context);

// The generic exchange protocol (docs/exchange-protocol.md), under /exchange/v1.
void registerExchangeProducerRoutes(Router &router, SandboxContext &context);
void registerExchangeConsumerRoutes(Router &router, SandboxContext &context);

// Google Analytics 4 (token endpoint, Admin audiences, Data API audienceExports), under /ga4;
// APSIS One (token, definitions, profile exports), under /apsis. See docs/sandbox.md.
void registerGa4Routes(Router &router, SandboxContext &context);
void registerApsisRoutes(Router &router, SandboxContext &context);

// The Fount (WPP BAV: audiences, groups, export webhooks), under /fount; Adobe Experience
// Platform (IMS, segment export jobs, Data Access, batch ingestion), under /aep.
void registerFountRoutes(Router &router, SandboxContext &context);
void registerAepRoutes(Router &router, SandboxContext &context);

// Recording destinations: Meta custom audience users (under /meta), a Fount-style export
// webhook receiver (under /fount/webhooks) and an exchange PULL consumer that pulls prepared
// CSV files from the app when told to (under /exchange/v1/pull).
void registerMetaRoutes(Router &router, SandboxContext &context);
void registerFountWebhookRoutes(Router &router, SandboxContext &context);
void registerExchangePullConsumerRoutes(Router &router, SandboxContext &context);

} // namespace courier::sandbox
