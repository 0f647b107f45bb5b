/**
 * The zone's web hostnames (proxied unless declared DNS-only, automatic TTL) and the CAA records Universal SSL needs. Record
 * names are FQDNs, as the API returns them, so previews never show a rename diff.
 */
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import type { WebRecord } from "../model/site";
import type { CaaEntry } from "../rules/caa";
import { AUTOMATIC_TTL, roleComment } from "../rules/dns-records";
import { sortHostnames } from "../rules/hostnames";

export interface WebRecordsArgs {
  /** The zone the records live in. */
  readonly zoneId: pulumi.Input<string>;
  /** The zone's domain (CAA records sit at its apex). */
  readonly domain: string;
  /** Web hostnames derived from config (model/site.ts). */
  readonly records: readonly WebRecord[];
  /** CAA entries for the apex (model/site.ts). */
  readonly caa: readonly CaaEntry[];
}

export class WebRecords extends pulumi.ComponentResource {
  /** Every hostname this component declares. */
  public readonly hostnames: string[];

  constructor(name: string, args: WebRecordsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("launch-stack:dns:WebRecords", name, {}, opts);
    for (const r of args.records) {
      new cloudflare.DnsRecord(`${name}-${r.key}`, {
        zoneId: args.zoneId,
        name: r.name,
        type: r.type,
        content: r.content,
        proxied: r.proxied,
        ttl: AUTOMATIC_TTL,
        comment: roleComment(r.proxied ? "web" : "dns-only", r.purpose),
      }, { parent: this });
    }
    for (const entry of args.caa) {
      new cloudflare.DnsRecord(`${name}-caa-${entry.tag}-${entry.value.replace(/^mailto:/, "").replace(/[^a-z0-9]+/g, "-")}`, {
        zoneId: args.zoneId,
        name: args.domain,
        type: "CAA",
        ttl: AUTOMATIC_TTL,
        data: { flags: 0, tag: entry.tag, value: entry.value },
        comment: roleComment("verification", "CAA: CAs allowed to issue for Universal SSL"),
      }, { parent: this });
    }
    this.hostnames = sortHostnames(args.records.map((r) => r.name));
    this.registerOutputs({ hostnames: this.hostnames });
  }
}
