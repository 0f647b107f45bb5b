/**
 * Valid stacks of any size, built the way an operator would write `Pulumi.<stack>.yaml`, for the rows
 * that measure how cost grows: plan time per zone and verify time per hostname. Zone 0 serves the portal
 * (apex, app, api and `hosts - 3` more hostnames, email through Amazon SES, rate limits on its plan); every
 * further zone is a client site (apex, its www alias, a status page, a retired host, one rate-limit rule)
 * on alternating Free and Pro plans, sending no mail. Domains are `site<i>.example` (RFC 2606), origins TEST-NET addresses.
 * A generated stack is a prod stack: plan it as `prod`, under prod's pack config.
 */
import type { RawConfig } from "../gate/load";

export interface GeneratedStackOptions {
  /** Hostnames with an origin in the portal's zone (at least 3: apex, app, api). */
  hosts?: number;
}

function zoneDomain(i: number): string {
  return `site${i}.example`;
}

function portalZone(hosts: number) {
  const domain = zoneDomain(0);
  const extra = Object.fromEntries(Array.from({ length: Math.max(0, hosts - 3) }, (_, j) => [`h${j + 1}`, { origin: `203.0.113.${(j % 200) + 50}` }]));
  return {
    domain,
    plan: "pro",
    hosts: {
      "@": { origin: "203.0.113.10" },
      app: { origin: "203.0.113.20", authenticated: true },
      api: { origin: "203.0.113.30", authenticated: true },
      ...extra,
    },
    legacyPaths: [{ from: `https://${domain}/login.php`, to: `https://app.${domain}/login` }],
    edge: {
      rateLimits: [
        { name: "auth", routes: ["login", "passwordReset", "invitation"], requestsPerPeriod: 5, period: 60, mitigationTimeout: 600 },
        { name: "api", routes: ["api", "webhooks"], requestsPerPeriod: 300, period: 60, mitigationTimeout: 60 },
      ],
    },
    email: {
      senders: [{ provider: "amazon-ses", region: "us-east-2", mailFrom: "mail", dkimTokens: ["a".repeat(32), "b".repeat(32), "c".repeat(32)] }],
      dmarc: { policy: "quarantine", rua: [`dmarc-reports@${domain}`] },
    },
  };
}

function clientZone(i: number) {
  return {
    domain: zoneDomain(i),
    plan: i % 2 === 1 ? "free" : "pro",
    hosts: { "@": { origin: `198.51.100.${(i % 250) + 1}` }, status: { origin: `198.51.100.${(i % 250) + 1}` } },
    legacyHosts: { portal: `https://app.${zoneDomain(0)}` },
    // Every zone that serves pages throttles the app's auth, API and webhook routes.
    edge: { rateLimits: [{ name: "auth-and-api", routes: ["login", "passwordReset", "invitation", "api", "webhooks"], requestsPerPeriod: 20, period: 10, mitigationTimeout: 10 }] },
    email: { sendsMail: false },
  };
}

/** The raw config of a stack of `zones` zones that passes the config gate and every policy of the pack. */
export function generatedStack(zones: number, opts: GeneratedStackOptions = {}): RawConfig {
  const config: Record<string, unknown> = {
    environment: "prod",
    cloudflareAccountId: "023e105f4ecef8ad9ca31a8372d0c353",
    app: { host: `app.${zoneDomain(0)}` },
    secrets: { env: { APP_BASE_URL: `https://app.${zoneDomain(0)}`, LOG_LEVEL: "info", SESSION_SECRET: { source: "generated" } } },
    monitoring: { alerts: { emails: [`dana@${zoneDomain(0)}`, `sam@${zoneDomain(0)}`] }, canaries: { login: { noTestAccountReason: "generated bench stack: no app behind it to sign in to" } } },
    zones: [portalZone(opts.hosts ?? 3), ...Array.from({ length: zones - 1 }, (_, i) => clientZone(i + 1))],
  };
  const values: Record<string, string> = { "aws:region": "us-east-2" };
  for (const [k, v] of Object.entries(config)) values[`launch-stack:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
  return { values, secretKeys: new Set() };
}
