#pragma once

namespace courier::sandbox {

class Router;
class SandboxContext;

// The parts of the GA4 emulation; registerGa4Routes (Protocols.h) calls them all.
void registerGa4TokenRoutes(Router &router, SandboxContext &context); // /ga4/token
void registerGa4AdminRoutes(Router &router, SandboxContext &context); // /ga4/analyticsadmin
void registerGa4DataRoutes(Router &router, SandboxContext &context);  // /ga4/analyticsdata

} // namespace courier::sandbox
