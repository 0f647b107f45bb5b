/**
 * SPF network terms too wide to mean "our servers": `ip4:0.0.0.0/1`, `ip6:::/0`, `a/8` authorize a large
 * part of the Internet, which is `+all` by another name, and no RFC 7208 check catches them (the syntax is
 * valid, §5.6). The bound: an IPv4 prefix shorter than /16 or an IPv6 prefix shorter than /32 is refused.
 *
 * Why there: a /16 is 65,536 addresses, already the largest block a single organization's own mail hosts
 * plausibly fill; a /32 is the smallest allocation an RIR makes to a whole ISP (RIPE-738, ARIN NRPM 6.5.2),
 * so a shorter IPv6 prefix authorizes more than one network operator. Providers' own wider ranges (some
 * publish /15s) stay in their records and reach ours through their include:, which this check does not
 * descend into; a domain's own record that needs more than these bounds is naming someone else's network.
 */
import { Finding } from "./finding";
import type { SpfMechanism, SpfRecord } from "./spf";

/** Shortest IPv4 prefix an SPF term of a domain's own record may authorize. */
export const SPF_MIN_IP4_PREFIX = 16;
/** Shortest IPv6 prefix an SPF term of a domain's own record may authorize. */
export const SPF_MIN_IP6_PREFIX = 32;

const REF = "RFC 7208 §5.6; launch checklist: email authentication";

/** The IPv4 and IPv6 prefix lengths a term authorizes: `ip4:x/n`, `ip6:x/n`, `a/n//m`, `mx/n//m`. */
function prefixes(m: SpfMechanism): { ip4?: number; ip6?: number } {
  if (!m.cidr) return {};
  if (m.mechanism === "ip4") return { ip4: Number(m.cidr.slice(1)) };
  if (m.mechanism === "ip6") return { ip6: Number(m.cidr.slice(1)) };
  const [v4, v6] = m.cidr.split("//");
  return { ip4: v4 ? Number(v4.slice(1)) : undefined, ip6: v6 ? Number(v6) : undefined };
}

/** One finding per term that passes (+, or no qualifier) or neutrals (?, as ?all does) a network wider than the bounds. */
export function checkSpfNetworkWidths(record: SpfRecord): Finding[] {
  const out: Finding[] = [];
  for (const t of record.terms) {
    if (t.kind !== "mechanism" || !(t.qualifier === "+" || t.qualifier === "?")) continue;
    const { ip4, ip6 } = prefixes(t);
    const wide = [
      ...(ip4 !== undefined && ip4 < SPF_MIN_IP4_PREFIX ? [`/${ip4} (${2 ** (32 - ip4)} IPv4 addresses; the bound is /${SPF_MIN_IP4_PREFIX})`] : []),
      ...(ip6 !== undefined && ip6 < SPF_MIN_IP6_PREFIX ? [`/${ip6} for IPv6 (wider than one ISP's /${SPF_MIN_IP6_PREFIX})`] : []),
    ];
    if (wide.length > 0) {
      out.push({
        message: `SPF term "${t.text}" ${t.qualifier === "?" ? "gives neutral to" : "authorizes"} ${wide.join(" and ")}, which is close to ${t.qualifier}all`,
        ref: REF,
        fix: "list the sending hosts' own addresses or narrow prefixes, or the provider's include:",
        severity: "error",
      });
    }
  }
  return out;
}
