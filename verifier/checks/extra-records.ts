/**
 * DNS rows for the zones' extra records (zones[].records): each declared name and type is answered live
 * with every declared value. A DNS-only set must be served exactly (a stray value is a record nobody
 * declared); TXT may share its name with other TXT records; a proxied A/AAAA/CNAME answers from
 * Cloudflare's edge instead of its content; a flattened CNAME answers addresses and no CNAME (rules/flattened-cname.ts). Types the resolver cannot query are a warning row naming the
 * command that can, never a silent pass.
 */
import { checkProxiedAnswers } from "../../rules/cloudflare-edge";
import { checkFlattenedAnswers } from "../../rules/flattened-cname";
import type { Finding } from "../../rules/finding";
import { Check, fromFindings } from "../check";
import type { ExtraRecordExpectation } from "../expectations";

const REF = "launch checklist: DNS and hostnames";

function shorten(value: string): string {
  return value.length > 70 ? `${value.slice(0, 67)}...` : value;
}

function proxied(set: ExtraRecordExpectation): Check {
  return {
    area: "DNS",
    name: `${set.type} ${set.name}`,
    criteria: "answers from Cloudflare's edge (proxied extra record)",
    async run(probes) {
      const [addresses, cname] = await Promise.all([probes.dns.addresses(set.name), probes.dns.cname(set.name)]);
      return fromFindings(checkProxiedAnswers(set.name, addresses, cname), `${addresses.join(", ")} (declared: ${set.values.join(", ")}, proxied)`);
    },
  };
}

function flattened(set: ExtraRecordExpectation): Check {
  const target = set.values[0];
  return {
    area: "DNS",
    name: `${set.type} ${set.name}`,
    criteria: `answers ${target}'s addresses, not a CNAME (flattened, ${set.configPath})`,
    async run(probes) {
      const [cname, addresses, targetAddresses] = await Promise.all([probes.dns.cname(set.name), probes.dns.addresses(set.name), probes.dns.addresses(target)]);
      return fromFindings(checkFlattenedAnswers(set.name, target, { cname, addresses, targetAddresses }), `${addresses.join(", ")} (flattened ${target})`);
    },
  };
}

function dnsOnly(set: ExtraRecordExpectation): Check {
  const exact = set.type !== "TXT";
  return {
    area: "DNS",
    name: `${set.type} ${set.name}`,
    criteria: exact ? `served exactly as declared (${set.configPath})` : `every declared value served (${set.configPath})`,
    async run(probes) {
      const live = await probes.dns.records(set.type, set.name);
      if (live === undefined) {
        return fromFindings([{ severity: "warning", message: `${set.type} ${set.name} was not checked: Node's resolver cannot query ${set.type} records`, ref: REF, fix: `check it by hand: dig +short ${set.type} ${set.name}` }], "");
      }
      const findings: Finding[] = set.values
        .filter((v) => !live.includes(v))
        .map((v) => ({ message: `${set.type} ${set.name} does not serve the declared "${shorten(v)}"${live.length ? ` (serves ${live.map((l) => `"${shorten(l)}"`).join(", ")})` : " (no answer)"}`, ref: REF, fix: "run pulumi up, or restore the record the dashboard lost" }));
      if (exact) {
        for (const v of live.filter((l) => !set.values.includes(l))) {
          findings.push({ message: `${set.type} ${set.name} also serves "${shorten(v)}", which the stack does not declare`, ref: REF, fix: `declare it under ${set.configPath.replace(/\[\d+\]$/, "")}, or delete it in the dashboard` });
        }
      }
      return fromFindings(findings, `${set.values.length} declared value${set.values.length === 1 ? "" : "s"} served`);
    },
  };
}

export function extraRecordChecks(e: { extraRecords: readonly ExtraRecordExpectation[] }): Check[] {
  return e.extraRecords.map((set) => (set.proxied ? proxied(set) : set.flattened ? flattened(set) : dnsOnly(set)));
}
