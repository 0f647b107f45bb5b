/**
 * Cross-field checks of `launch-stack:monitoring` that need the declared site: time to alert, routes,
 * regions, check URLs against the hostnames and private paths the stack serves, and the latency bar.
 */
import { alertTiming } from "../config/monitoring";
import { checkAppLatency } from "../config/app-latency";
import { checkCanaries } from "../config/canaries";
import type { ConfigProblem } from "../config/problem";
import type { StackConfig } from "../config/schema";
import { canonicalHostOf, siteModel } from "../model/site";
import { defaultUrls, uptimeChecks } from "../model/uptime-checks";
import { checkAlertRouting } from "../config/alert-routes";
import { checkCheckerRegions, checkChecksUnderRateLimit, checkLatencyThreshold, checkTimeToAlert } from "../rules/alerting";
import { formatFinding } from "../rules/finding";
import { isInZone } from "../rules/hostnames";
import { prefixCovers } from "../rules/paths";

/** Time to alert, routes, regions, check URLs and the production latency bar. */
export function checkMonitoring(config: StackConfig): ConfigProblem[] {
  const m = config.monitoring;
  const out: ConfigProblem[] = [];
  const add = (path: string, message: string) => out.push({ path: [path], message });
  for (const f of checkTimeToAlert(alertTiming(m))) add("monitoring", formatFinding(f));
  for (const f of checkCheckerRegions(m.regions)) add("monitoring.regions", formatFinding(f));
  out.push(...checkAlertRouting(config));

  const defaults = defaultUrls(canonicalHostOf(config), config.app);
  const sites = config.zones.map((zone, i) => siteModel(zone, i, config.app));
  // A DNS-only host is watched only when a check names it, so a named check may point at one.
  const served = new Set(sites.flatMap((s) => [...s.servedHosts, ...s.dnsOnlyHosts]));
  const checks = uptimeChecks(config);
  for (const site of sites) {
    for (const rule of site.rateLimits) {
      const counted = checks.filter((c) => isInZone(c.host, site.domain) && rule.paths.some((p) => prefixCovers(p, c.path)));
      for (const f of checkChecksUnderRateLimit(rule.config, counted.map((c) => c.name), m.requestInterval)) add("monitoring.checks", formatFinding(f));
    }
  }
  for (const [name, check] of Object.entries(m.checks)) {
    const url = check.url ?? defaults[name];
    if (!url) add(`monitoring.checks.${name}.url`, `is required for a check without a default URL (defaults exist for ${Object.keys(defaults).join(", ")}); set the https URL to check`);
    else if (!served.has(new URL(url).hostname)) add(`monitoring.checks.${name}.url`, `${new URL(url).hostname} is not a hostname this stack serves; check a hostname with an origin under zones[].hosts`);
    else if (config.app.privatePaths.some((p) => prefixCovers(p, new URL(url).pathname))) {
      // An anonymous checker gets 401/403 (unhealthy around the clock) or a redirect to login (measures nothing).
      add(`monitoring.checks.${name}.url`, `${new URL(url).pathname} is behind login (app.privatePaths), so an anonymous health check cannot see it; check a health endpoint that answers without a session`);
    }
  }
  if (m.latency.datapointsToAlarm > m.latency.evaluationPeriods) {
    add("monitoring.latency.datapointsToAlarm", `${m.latency.datapointsToAlarm} datapoints cannot fit in ${m.latency.evaluationPeriods} evaluation periods; lower it or raise evaluationPeriods`);
  }
  for (const f of checkLatencyThreshold(m.latency.thresholdMs, config.environment)) add("monitoring.latency.thresholdMs", formatFinding(f));
  out.push(...checkCanaries(config));
  out.push(...checkAppLatency(config));
  return out;
}
