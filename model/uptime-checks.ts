/**
 * The uptime checks this stack will declare, derived from the config: the canonical homepage, the app's
 * login and every other public hostname, plus the endpoints the config adds (config/monitoring.ts holds
 * their schema). Components declare exactly these; the gate (gate/monitoring-checks.ts) judges them.
 */
import type { z } from "zod";
import type { StackConfig } from "../config/schema";
import type { UptimeCheck, uptimeCheckSchema } from "../config/monitoring";
import { canonicalHostOf, siteModel } from "./site";

type App = StackConfig["app"];
const CORE = ["homepage", "login", "api-health"];

/** Default URLs of the named endpoints a portal has. */
export function defaultUrls(canonicalHost: string, app: App): Record<string, string> {
  const on = (path: string) => `https://${app.host}${path}`;
  return {
    homepage: `https://${canonicalHost}/`,
    login: on(app.routes.login),
    "api-health": on(app.routes.health),
    "password-reset": on(app.routes.passwordReset),
  };
}

/** Hostnames with an origin and no login in front of them, zone by zone, each zone's sorted. */
export function publicHosts(config: Pick<StackConfig, "zones" | "app">): string[] {
  return config.zones.flatMap((zone, i) => {
    const site = siteModel(zone, i, config.app);
    return site.servedHosts.filter((h) => !site.authenticatedHosts.includes(h));
  });
}

/**
 * The checks to declare, sorted by name: homepage and login, the configured ones (a configured homepage or login
 * overrides the default), then `https://<host>/` for each public hostname nothing else checks.
 * Configured checks without a URL and without a default are left out (checkMonitoring reports them).
 */
export function uptimeChecks(config: Pick<StackConfig, "zones" | "app" | "monitoring">): UptimeCheck[] {
  const defaults = defaultUrls(canonicalHostOf(config), config.app);
  const entries: [string, z.output<typeof uptimeCheckSchema>][] = [["homepage", {}], ["login", {}]];
  for (const [name, check] of Object.entries(config.monitoring.checks)) {
    const at = entries.findIndex(([n]) => n === name);
    if (at >= 0) entries[at] = [name, check];
    else entries.push([name, check]);
  }
  const checks = entries.flatMap(([name, c]): UptimeCheck[] => {
    const url = c.url ?? defaults[name];
    if (!url) return [];
    const u = new URL(url);
    return [{ name, url, host: u.hostname, path: `${u.pathname}${u.search}`, searchString: c.searchString, latencyAlarm: c.latencyAlarm ?? CORE.includes(name) }];
  });
  for (const host of publicHosts(config)) {
    if (!checks.some((c) => c.host === host)) {
      checks.push({ name: host.replace(/\./g, "-"), url: `https://${host}/`, host, path: "/", latencyAlarm: false });
    }
  }
  // Sorted by name: the checks are a set keyed by name, and the outputs and alarms listing them must not
  // follow the order the config mapping was written in.
  return checks.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
