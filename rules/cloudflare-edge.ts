/**
 * How a hostname proxied through Cloudflare looks from outside: its A/AAAA answers are Cloudflare edge
 * addresses (so the origin's address stays private and the WAF sees every request), and its zone is
 * delegated to Cloudflare's nameservers. Judged on DNS answers, not on a `server: cloudflare` header,
 * because the answers are what decide where a visitor connects, and a header can be set by any origin.
 */
import { BlockList, isIPv4, isIPv6 } from "node:net";
import { Finding } from "./finding";

/**
 * Cloudflare's published edge ranges: https://www.cloudflare.com/ips-v4 and https://www.cloudflare.com/ips-v6
 * (also the API's GET /ips). The list changes rarely; update it from those pages when it does.
 */
export const CLOUDFLARE_IPV4_RANGES: readonly string[] = [
  "173.245.48.0/20", "103.21.244.0/22", "103.22.200.0/22", "103.31.4.0/22", "141.101.64.0/18",
  "108.162.192.0/18", "190.93.240.0/20", "188.114.96.0/20", "197.234.240.0/22", "198.41.128.0/17",
  "162.158.0.0/15", "104.16.0.0/13", "104.24.0.0/14", "172.64.0.0/13", "131.0.72.0/22",
];
export const CLOUDFLARE_IPV6_RANGES: readonly string[] = [
  "2400:cb00::/32", "2606:4700::/32", "2803:f800::/32", "2405:b500::/32", "2405:8100::/32", "2a06:98c0::/29", "2c0f:f248::/32",
];

/** Cloudflare assigns every zone two nameservers under this suffix (e.g. ada.ns.cloudflare.com). */
export const CLOUDFLARE_NS_SUFFIX = ".ns.cloudflare.com";

const EDGE = new BlockList();
for (const [ranges, family] of [[CLOUDFLARE_IPV4_RANGES, "ipv4"], [CLOUDFLARE_IPV6_RANGES, "ipv6"]] as const) {
  for (const range of ranges) {
    const [net, bits] = range.split("/");
    EDGE.addSubnet(net, Number(bits), family);
  }
}

export function isCloudflareAddress(address: string): boolean {
  if (isIPv4(address)) return EDGE.check(address, "ipv4");
  if (isIPv6(address)) return EDGE.check(address, "ipv6");
  return false;
}

const REF = "launch checklist: edge protection";

/**
 * A proxied hostname's live answers: at least one address, every one on Cloudflare's edge, and no
 * visible CNAME (a proxied CNAME is flattened; one that shows is DNS-only and exposes its target).
 */
export function checkProxiedAnswers(name: string, addresses: readonly string[], cname?: string): Finding[] {
  const findings: Finding[] = [];
  if (cname) {
    findings.push({ message: `${name} answers CNAME ${cname}, so it is not proxied`, ref: REF, fix: "set proxied: true on the record" });
  }
  if (addresses.length === 0) {
    findings.push({ message: `${name} has no A or AAAA answer`, ref: "launch checklist: DNS and hostnames", fix: "check the record exists in the zone and the zone is active" });
  }
  const outside = addresses.filter((a) => !isCloudflareAddress(a));
  if (outside.length > 0) {
    findings.push({
      message: `${name} answers ${outside.join(", ")}, outside Cloudflare's edge ranges, so traffic bypasses the proxy and the origin address is public`,
      ref: REF,
      fix: "set proxied: true on the record, then move the origin to a new address",
    });
  }
  return findings;
}

/** The zone's live NS set: non-empty and entirely Cloudflare's, or the zone's records are not the ones served. */
export function checkNameservers(domain: string, nameservers: readonly string[]): Finding[] {
  if (nameservers.length === 0) {
    return [{ message: `${domain} has no NS records`, ref: "launch checklist: DNS and hostnames", fix: "set the two Cloudflare nameservers shown in the dashboard at the registrar" }];
  }
  const other = nameservers.filter((ns) => !ns.toLowerCase().replace(/\.$/, "").endsWith(CLOUDFLARE_NS_SUFFIX));
  return other.length === 0 ? [] : [{
    message: `${domain} is delegated to ${other.join(", ")}, not only to Cloudflare`,
    ref: "launch checklist: DNS and hostnames",
    fix: "set exactly the two Cloudflare nameservers shown in the dashboard at the registrar",
  }];
}
