/** Hostname arithmetic shared by config, policies and the verifier. Everything is lower-case FQDNs without a trailing dot. */
import { isIPv4, isIPv6 } from "node:net";
import type { Finding } from "./finding";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export function isHostname(name: string): boolean {
  const labels = name.split(".");
  return name.length <= 253 && labels.length >= 2 && labels.every((l) => LABEL.test(l)) && !/^\d+$/.test(labels[labels.length - 1]);
}

/** `@` is the apex; anything else is a label under the zone (dotted only for DNS-only names, rules/certificate.ts). */
export function fqdn(label: string, domain: string): string {
  return label === "@" ? domain : `${label}.${domain}`;
}

/**
 * A label below the zone written as the full hostname a provider shows (`em1234.example.com` for the zone
 * example.com): it would declare em1234.example.com.example.com, which nobody looks up.
 */
export function checkRelativeLabel(label: string, domain: string): Finding[] {
  if (label !== domain && !label.endsWith(`.${domain}`)) return [];
  const relative = label === domain ? "@" : label.slice(0, -domain.length - 1);
  return [{ message: `"${label}" is the full hostname, but this key takes the label below ${domain} (it would declare ${label}.${domain})`, fix: `set "${relative}"` }];
}

/**
 * Hostnames as a set: sorted by their labels read from the right, so each domain's apex comes first and its
 * subdomains follow alphabetically (example.com, admin.example.com, api.example.com, example.net). Any list of
 * hosts the program derives from a config mapping goes through this, so the order keys are written in never
 * shows in an expression or an output (the engine hands them over sorted anyway; see offline/engine-config.ts).
 */
export function sortHostnames(hosts: Iterable<string>): string[] {
  const key = (h: string) => h.split(".").reverse();
  return [...hosts].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < Math.min(ka.length, kb.length); i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return ka.length - kb.length;
  });
}

export function isInZone(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** The zone (from a list) a hostname belongs to: the longest matching domain. */
export function zoneOf(host: string, domains: readonly string[]): string | undefined {
  return [...domains].sort((a, b) => b.length - a.length).find((d) => isInZone(host, d));
}

export type OriginKind = "A" | "AAAA" | "CNAME";

/** The DNS record type an origin target needs: an IPv4 address, an IPv6 address or a hostname. */
export function originRecordType(origin: string): OriginKind | undefined {
  if (isIPv4(origin)) return "A";
  if (isIPv6(origin)) return "AAAA";
  return isHostname(origin) ? "CNAME" : undefined;
}

/**
 * The target Cloudflare documents for a hostname that exists only to redirect: a proxied AAAA to the
 * IPv6 discard prefix, so the edge answers and no origin is ever contacted.
 */
export const REDIRECT_ONLY_ORIGIN = "100::";
