/**
 * The config side of rules/edge-cache.ts: a static-asset path that overlaps a private page, an auth
 * route, the API or the webhooks, and an app or API host not marked authenticated, refused at the key
 * that says so, before the cache rules are built.
 */
import { fqdn } from "../rules/hostnames";
import { checkAuthenticatedHost, checkCachedPrefixes, PrivatePath } from "../rules/edge-cache";
import { formatFinding } from "../rules/finding";
import type { ConfigProblem } from "./problem";
import { member } from "./errors";
import type { StackConfig } from "./schema";

/** Every path the edge must never cache, named as the app config names it. */
export function privatePathsNamed(app: StackConfig["app"]): PrivatePath[] {
  const { routes } = app;
  return [
    ...app.privatePaths.map((path) => ({ path, what: "private page" })),
    { path: routes.login, what: "login route" },
    { path: routes.passwordReset, what: "password-reset route" },
    { path: routes.invitation, what: "invitation route" },
    { path: routes.api, what: "API route" },
    { path: routes.webhooks, what: "webhook route" },
  ];
}

/** Hosts labelled `api` (or `api-<something>`): the API's own hostname. */
const API_LABEL = /^api(-[a-z0-9-]+)?$/;

export function checkCaching(config: StackConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const privatePaths = privatePathsNamed(config.app);
  config.zones.forEach((zone, i) => {
    if (Object.keys(zone.hosts).length === 0) return;
    for (const { index, finding } of checkCachedPrefixes(zone.edge.staticAssetPaths, privatePaths)) {
      out.push({ path: [`zones[${i}].edge.staticAssetPaths[${index}]`], message: formatFinding(finding) });
    }
    for (const [label, host] of Object.entries(zone.hosts)) {
      const name = fqdn(label, zone.domain);
      const role = name === config.app.host ? "app (app.host)" : API_LABEL.test(label) ? "API" : undefined;
      if (!role) continue;
      for (const f of checkAuthenticatedHost(name, role, host.authenticated)) out.push({ path: [`zones[${i}].hosts${member(label)}.authenticated`], message: formatFinding(f) });
    }
  });
  return out;
}
