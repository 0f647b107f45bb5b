/**
 * DNS-only hostnames: answered with their origin, outside Cloudflare's edge. Only a host that needs none
 * of the edge may be one: the app's host, any host serving logged-in pages, APIs or auth routes, and any
 * host with redirect rules stay proxied, since WAF, rate limits, cache bypass and redirects run only on
 * proxied traffic. Live, a DNS-only host must answer exactly what it declares, not the edge's addresses.
 */
import { Finding } from "./finding";

export interface DnsOnlyHost {
  name: string;
  /** The portal's app.host. */
  isAppHost: boolean;
  /** Declared authenticated (logged-in pages or APIs). */
  authenticated: boolean;
  /** Legacy-path redirects whose URL is on this host. */
  redirects: number;
}

const REF = "launch checklist: edge protection";

/** Why a DNS-only host must be proxied after all, one finding per reason. */
export function checkDnsOnlyHost(h: DnsOnlyHost): Finding[] {
  const out: Finding[] = [];
  const fix = "remove proxied: false";
  if (h.isAppHost) out.push({ message: `${h.name} is app.host and serves the portal's login, API and private pages, which only the edge protects`, ref: REF, fix });
  else if (h.authenticated) out.push({ message: `${h.name} serves logged-in pages or APIs (authenticated: true), which only the edge rate-limits and keeps out of caches`, ref: REF, fix });
  if (h.redirects > 0) out.push({ message: `${h.name} has ${h.redirects} legacy-path redirect${h.redirects === 1 ? "" : "s"}, which only the edge performs`, ref: REF, fix: `${fix}, or move the redirects to the origin` });
  return out;
}

/**
 * A DNS-only host answers its declared origin: the CNAME target, or the address among its A/AAAA answers.
 * A CNAME answer where an address is declared (or another target) means the record was changed or proxied.
 */
export function checkDnsOnlyAnswer(name: string, declared: { type: string; content: string }, addresses: readonly string[], cname?: string): Finding[] {
  const ref = "launch checklist: DNS and hostnames";
  const fix = "run pulumi up, or restore the record in the dashboard (DNS only)";
  if (declared.type === "CNAME") {
    const target = cname?.toLowerCase().replace(/\.$/, "");
    return target === declared.content ? [] : [{ message: `${name} answers ${target ? `CNAME ${target}` : addresses.length ? addresses.join(", ") : "nothing"}, not the declared CNAME ${declared.content}`, ref, fix }];
  }
  return addresses.includes(declared.content) && !cname ? [] : [{ message: `${name} answers ${cname ? `CNAME ${cname}` : addresses.length ? addresses.join(", ") : "nothing"}, not the declared ${declared.type} ${declared.content}`, ref, fix }];
}
