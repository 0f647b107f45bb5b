/**
 * The portal itself: where it is served and its sensitive routes. Rate limits, the no-cache rule,
 * uptime checks and the live verifier all read these, so a route is named once.
 */
import { z } from "zod";
import { hostname, httpsUrl, urlPath } from "./primitives";

/** Route names a rate-limit rule can cover. */
export const ROUTE_NAMES = ["login", "passwordReset", "invitation", "api", "webhooks"] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];
/** Routes whose abuse costs the most (credential stuffing, reset-mail spam): the stricter limit. */
export const AUTH_ROUTES: readonly RouteName[] = ["login", "passwordReset", "invitation"];
/** Launch checklist: login, password reset, invitation, API and webhook routes throttled. */
export const REQUIRED_RATE_LIMITED_ROUTES: readonly RouteName[] = [...AUTH_ROUTES, "api", "webhooks"];

export const appSchema = z.strictObject({
  /** Hostname the portal is served on (must be a hostname with an origin). */
  host: hostname,
  routes: z.strictObject({
    login: urlPath.default("/login"),
    passwordReset: urlPath.default("/password/reset"),
    invitation: urlPath.default("/invitations/accept"),
    api: urlPath.default("/api/"),
    webhooks: urlPath.default("/webhooks/"),
    /** Health endpoint for uptime checks. */
    health: urlPath.default("/api/health"),
  }).prefault({}),
  /** Pages behind login: never cached at the edge, and refused to anonymous requests (verified live). */
  privatePaths: z.array(urlPath).min(1).default(["/dashboard", "/account", "/settings"]),
  /** Other pages whose load a visitor feels (pricing, sign-up): loaded by verify's browser rows with the home and login pages. */
  keyPages: z.array(urlPath).default([]),
  /** Exact origins allowed by CORS (checked live: anything else must not be reflected). */
  trustedOrigins: z.array(httpsUrl).default([]),
});

export type AppConfig = z.output<typeof appSchema>;
