/**
 * DNS rows: the zone is delegated to Cloudflare, its CAA is as declared, every web hostname answers from
 * the edge, and every mail and verification record is served with the declared value.
 */
import { checkCaa } from "../../rules/caa";
import { checkNameservers, checkProxiedAnswers, CLOUDFLARE_NS_SUFFIX } from "../../rules/cloudflare-edge";
import { checkDnsOnlyAnswer } from "../../rules/dns-only";
import { Finding } from "../../rules/finding";
import { Check, fromFindings } from "../check";
import type { DeclaredRecordSet, Expectations, HostnameExpectation, ZoneExpectation } from "../expectations";
import type { Probes } from "../probes";

function nameservers(zone: ZoneExpectation): Check {
  return {
    area: "DNS",
    name: `NS ${zone.domain}`,
    criteria: `every NS ends in ${CLOUDFLARE_NS_SUFFIX}`,
    async run(probes) {
      const ns = await probes.dns.ns(zone.domain);
      return fromFindings(checkNameservers(zone.domain, ns), ns.join(", "));
    },
  };
}

function caa(zone: ZoneExpectation): Check {
  return {
    area: "DNS",
    name: `CAA ${zone.domain}`,
    criteria: "declared CAA entries served; Universal SSL CAs allowed",
    async run(probes) {
      const served = await probes.dns.caa(zone.domain);
      const key = (e: { tag: string; value: string }) => `${e.tag} ${e.value}`;
      const have = new Set(served.map(key));
      const missing: Finding[] = zone.caa
        .filter((e) => !have.has(key(e)))
        .map((e) => ({ message: `CAA ${e.tag} "${e.value}" is declared but not served at ${zone.domain}`, ref: "launch checklist: DNS and hostnames", fix: "run pulumi up, or remove the record that shadows it" }));
      // A declared CA that is not served is also one Universal SSL cannot use: one problem, reported once.
      const notServed = zone.caa.filter((e) => !have.has(key(e))).map((e) => ({ tag: e.tag, ca: e.value.split(";")[0].trim() }));
      return fromFindings([...missing, ...checkCaa(served, notServed)], `${served.length} entries, all declared ones present`);
    },
  };
}

function hostname(h: HostnameExpectation): Check {
  if (h.dnsOnly) {
    const declared = h.dnsOnly;
    return {
      area: "DNS",
      name: h.name,
      criteria: `answers the declared ${declared.type} ${declared.content} (DNS only, outside the edge)`,
      async run(probes) {
        const [addresses, cname] = await Promise.all([probes.dns.addresses(h.name), probes.dns.cname(h.name)]);
        return fromFindings(checkDnsOnlyAnswer(h.name, declared, addresses, cname), cname ? `CNAME ${cname}` : addresses.join(", "));
      },
    };
  }
  return {
    area: "DNS",
    name: h.name,
    criteria: "answers A/AAAA from Cloudflare's edge (proxied)",
    async run(probes) {
      const [addresses, cname] = await Promise.all([probes.dns.addresses(h.name), probes.dns.cname(h.name)]);
      return fromFindings(checkProxiedAnswers(h.name, addresses, cname), `${addresses.join(", ")} (declared: ${h.declared})`);
    },
  };
}

/** A host name as DNS answers compare: lower-case, no trailing dot, the root (null MX) as ".". */
function host(name: string): string {
  const h = name.toLowerCase().replace(/\.$/, "");
  return h === "" ? "." : h;
}

/** The live values comparable with the declared ones, in the same form. */
async function served(probes: Probes, set: DeclaredRecordSet): Promise<string[]> {
  switch (set.type) {
    case "TXT":
      return probes.dns.txt(set.name);
    case "MX":
      return (await probes.dns.mx(set.name)).map((m) => `${m.priority} ${host(m.exchange)}`);
    case "CNAME": {
      const target = await probes.dns.cname(set.name);
      return target === undefined ? [] : [host(target)];
    }
  }
}

function shorten(value: string): string {
  return value.length > 70 ? `${value.slice(0, 67)}...` : value;
}

/** TXT: every declared value is served (other TXT records may share the name). MX and CNAME: exactly the declared set. */
function declaredRecords(set: DeclaredRecordSet): Check {
  const exact = set.type !== "TXT";
  return {
    area: "DNS",
    name: `${set.type} ${set.name}`,
    criteria: exact ? "served exactly as declared" : "every declared value served",
    async run(probes) {
      const live = await served(probes, set);
      const declared = set.type === "TXT" ? set.values : set.values.map((v) => (set.type === "MX" ? v.replace(/ (\S+)$/, (_, h: string) => ` ${host(h)}`) : host(v)));
      const ref = "launch checklist: DNS and hostnames";
      const findings: Finding[] = declared
        .filter((v) => !live.includes(v))
        .map((v) => ({ message: `${set.type} ${set.name} does not serve the declared "${shorten(v)}"${live.length ? ` (serves ${live.map((l) => `"${shorten(l)}"`).join(", ")})` : " (no answer)"}`, ref, fix: "run pulumi up, or remove the record that replaced it in the dashboard" }));
      if (exact) {
        for (const v of live.filter((l) => !declared.includes(l))) {
          findings.push({ message: `${set.type} ${set.name} also serves "${shorten(v)}", which the stack does not declare`, ref, fix: "delete the stray record: it routes mail or trust to a place nobody declared" });
        }
      }
      return fromFindings(findings, `${declared.length} declared value${declared.length === 1 ? "" : "s"} served`);
    },
  };
}

export function dnsChecks(e: Expectations): Check[] {
  return [...e.zones.flatMap((z) => [nameservers(z), caa(z)]), ...e.hostnames.map(hostname), ...e.mailRecords.map(declaredRecords)];
}
