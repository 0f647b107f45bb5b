/**
 * The zone's extra records (config/records.ts via model/records.ts), exactly as listed: type, name,
 * content or structured data, priority, TTL, proxied, comment and settings (a flattened CNAME). Each child is named by the record's
 * identity (type, name, hash of its content), so reordering or inserting records replaces nothing.
 */
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import type { ExtraRecord } from "../model/records";

export interface ExtraRecordsArgs {
  /** The zone the records live in. */
  readonly zoneId: pulumi.Input<string>;
  /** The records, derived from the zone's `records` list. */
  readonly records: readonly ExtraRecord[];
}

export class ExtraRecords extends pulumi.ComponentResource {
  /** `<type> <name>` of every record declared, for the stack outputs. */
  public readonly declared: string[];

  constructor(name: string, args: ExtraRecordsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("launch-stack:dns:ExtraRecords", name, {}, opts);
    for (const r of args.records) {
      new cloudflare.DnsRecord(`${name}-${r.key}`, {
        zoneId: args.zoneId,
        name: r.name,
        type: r.type,
        ttl: r.ttl,
        proxied: r.proxied,
        comment: r.comment,
        ...(r.content !== undefined ? { content: r.content } : {}),
        ...(r.data !== undefined ? { data: r.data } : {}),
        ...(r.priority !== undefined ? { priority: r.priority } : {}),
        ...(r.settings ? { settings: r.settings } : {}),
      }, { parent: this });
    }
    this.declared = args.records.map((r) => `${r.name} ${r.type} ${r.priority !== undefined ? `${r.priority} ` : ""}${r.value}`);
    this.registerOutputs({ declared: this.declared });
  }
}
