/**
 * The launch checklist's areas (what "ready for production traffic" means), defined once: the policy pack
 * tags each policy with the area it enforces, the plan and PR comment group violations by area, and the
 * handover's scorecard has one row per area. Pass criteria and "what breaks" are the checklist's own words
 * (docs: the launch checklist in the README), so a founder reads the same bar everywhere.
 */

export interface ChecklistArea {
  /** Stable key, used by policies (`framework.reference`) and the readiness config. */
  readonly id: string;
  readonly title: string;
  readonly criteria: string;
  readonly breaks: string;
}

export const CHECKLIST_AREAS = [
  {
    id: "dns",
    title: "DNS and hostnames",
    criteria: "Every production hostname (apex, www, app, api, portal, admin, status, mail, legacy domains) is declared; nothing dangles",
    breaks: "Broken links, takeover of dangling records",
  },
  {
    id: "redirects",
    title: "Canonical redirects",
    criteria: "http→https and alias→canonical in one hop, 301/308, path and query kept, no loops; legacy URLs land on current routes",
    breaks: "Redirect loops (Flexible SSL), lost logins across subdomains, SEO loss",
  },
  {
    id: "tls",
    title: "SSL/TLS",
    criteria: "Valid certificate on every hostname; SSL mode Full (strict); TLS ≥ 1.2, 1.3 on; HTTPS forced; HSTS ≥ 1 year in production",
    breaks: "Browser warnings, session theft",
  },
  {
    id: "edge-protection",
    title: "Edge protection",
    criteria: "Web hostnames proxied through Cloudflare; WAF managed rules on (per plan); DDoS protection active",
    breaks: "Traffic spikes and abuse reach the origin",
  },
  {
    id: "rate-limiting",
    title: "Rate limiting",
    criteria: "Login, password reset, invitation, API and webhook routes throttled; auth stricter than reads",
    breaks: "Credential stuffing, reset-mail spam",
  },
  {
    id: "caching",
    title: "Caching",
    criteria: "Static assets cached; authenticated pages and APIs never cached at the edge",
    breaks: "One client served another client's page",
  },
  {
    id: "security-headers",
    title: "Security headers",
    criteria: "HSTS, X-Content-Type-Options, X-Frame-Options or frame-ancestors, Referrer-Policy",
    breaks: "Clickjacking, MIME sniffing",
  },
  {
    id: "email",
    title: "Email authentication",
    criteria: "SPF, DKIM and DMARC pass for the sending domain; exactly one SPF record; DMARC at quarantine or reject once validated; reports go to an authorized mailbox",
    breaks: "Invites and password resets land in spam or never arrive; spoofing",
  },
  {
    id: "secrets",
    title: "Secrets",
    criteria: "Zero secrets in code, repo history, logs, stack outputs or browser bundles; runtime secrets in a secret manager, separate per environment, least-privilege read",
    breaks: "Key theft, billing abuse",
  },
  {
    id: "environments",
    title: "Environments",
    criteria: "Staging and production fully separate (zones or hostnames, secrets, alert routes); production deploy repeatable from a clean checkout in under 30 minutes",
    breaks: "A test deploy breaks the live portal",
  },
  {
    id: "monitoring",
    title: "Monitoring",
    criteria: "Uptime checks on homepage, login, API health, password reset and webhooks; an outage notifies within 5 minutes; alerts reach at least 2 humans",
    breaks: "Customers find the outage first",
  },
  {
    id: "performance",
    title: "Performance",
    criteria: "Core API p95 under 500 ms at normal load, watched by an alarm; key pages' LCP under 2.5 s on mobile",
    breaks: "Slow pages, abandoned logins, support tickets",
  },
  {
    id: "access-control",
    title: "Access control (probed from outside)",
    criteria: "Every private route rejects anonymous requests; CORS allows only exact trusted origins; session cookies Secure, HttpOnly, SameSite",
    breaks: "Data exposure across accounts, session theft",
  },
  {
    id: "exposure",
    title: "Exposure",
    criteria: "Nothing private at the web root (.env, .git/, source maps, server status); error pages show no stack traces or versions; security.txt names a contact",
    breaks: "Credentials and internals handed to anyone who asks",
  },
  {
    id: "rollback-handover",
    title: "Rollback and handover",
    criteria: "Revert to the last known good deploy in under 10 minutes; a handover document says what exists, what is watched, who is alerted and how to roll back",
    breaks: "Long outages, a team that freezes during incidents",
  },
] as const satisfies readonly ChecklistArea[];

export type ChecklistAreaId = (typeof CHECKLIST_AREAS)[number]["id"];

const BY_ID = new Map<string, ChecklistArea>(CHECKLIST_AREAS.map((a) => [a.id, a]));

/** The area with `id`; undefined for an id the checklist does not have. */
export function checklistArea(id: string): ChecklistArea | undefined {
  return BY_ID.get(id);
}

/** Checklist order of an area id (unknown ids last), for grouping output in the checklist's order. */
export function checklistOrder(id: string | undefined): number {
  const i = CHECKLIST_AREAS.findIndex((a) => a.id === id);
  return i === -1 ? CHECKLIST_AREAS.length : i;
}
