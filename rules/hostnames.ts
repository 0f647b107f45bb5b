/** Hostname arithmetic shared by config, policies and the verifier. Everything is lower-case FQDNs without a trailing dot. */
import { isIPv4, isIPv6 } from "node:net";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export function isHostname(name: string): boolean {
  const labels = name.split(".");
  return name.length <= 253 && labels.length >= 2 && labels.every((l) => LABEL.test(l)) && !/^\d+$/.test(labels[labels.length - 1]);
}

/** `@` is the apex; anything else is a label under the zone (dotted only for DNS-only names, rules/certificate.ts). */
export function fqdn(label: string, domain: string): string {
  return label === "@" ? domain : `${label}.${domain}`;
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
