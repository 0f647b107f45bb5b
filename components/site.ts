/**
 * Everything one Cloudflare zone gets: the zone itself (looked up, or created when config says so),
 * DNSSEC, web records and CAA, canonical redirects, edge security and mail authentication.
 */
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import type { Environment } from "../rules/tls";
import type { ZoneConfig } from "../config/zones";
import type { EmailModel, EmailSummary } from "../model/email";
import { SiteModel, siteFacts } from "../model/site";
import { CanonicalRedirects } from "./canonical-redirects";
import { EmailAuthentication } from "./email-authentication";
import { EdgeSecurity } from "./edge-security";
import { ExtraRecords } from "./extra-records";
import { WebRecords } from "./web-records";

export interface SiteArgs {
  /** The zone's validated config. */
  readonly zone: ZoneConfig;
  /** What the zone declares, derived from config. */
  readonly site: SiteModel;
  /** The zone's mail records (model/email.ts): its senders', or the null-mail set when it sends none. */
  readonly email: EmailModel;
  /** Cloudflare account owning the zone. */
  readonly accountId: string;
  /** prod protects the zone and DNSSEC from accidental deletion. */
  readonly environment: Environment;
}

/** `example.com` → `example-com`: the stable base of every child resource name. */
export function siteName(domain: string): string {
  return domain.replace(/\./g, "-");
}

export class Site extends pulumi.ComponentResource {
  public readonly zoneId: pulumi.Output<string>;
  /** The DS record to give the registrar, or undefined when DNSSEC is off. */
  public readonly dsRecord?: pulumi.Output<string>;
  public readonly hostnames: string[];
  public readonly redirectMap: string[];
  public readonly email: EmailSummary;

  constructor(name: string, args: SiteArgs, opts?: pulumi.ComponentResourceOptions) {
    // The zone's plan, environment and required paths, as the policy pack reads them (model/site.ts SiteFacts):
    // as inputs they show in the preview's diff of this component, and as outputs (below) they reach the
    // pack's stack policies, which the engine hands each resource's outputs.
    const facts = siteFacts(args.zone, args.site, args.environment);
    super("launch-stack:site:Site", name, facts, opts);
    const { zone, site } = args;
    const protect = args.environment === "prod";

    this.zoneId = zone.createZone
      ? new cloudflare.Zone(`${name}-zone`, { account: { id: args.accountId }, name: zone.domain, type: "full" }, { parent: this, protect }).id
      : cloudflare.getZoneOutput({ filter: { name: zone.domain, account: { id: args.accountId } } }, { parent: this }).id;

    if (zone.dnssec) {
      this.dsRecord = new cloudflare.ZoneDnssec(`${name}-dnssec`, { zoneId: this.zoneId, status: "active" }, { parent: this, protect }).ds;
    }
    const records = new WebRecords(`${name}-dns`, { zoneId: this.zoneId, domain: zone.domain, records: site.records, caa: site.caa }, { parent: this });
    if (site.extraRecords.length > 0) {
      new ExtraRecords(`${name}-records`, { zoneId: this.zoneId, records: site.extraRecords }, { parent: this });
    }
    const redirects = new CanonicalRedirects(`${name}-redirects`, { zoneId: this.zoneId, domain: zone.domain, rules: site.redirects }, { parent: this });
    new EdgeSecurity(`${name}-edge`, { zoneId: this.zoneId, domain: zone.domain, edge: zone.edge, site }, { parent: this });
    const mail = new EmailAuthentication(`${name}-email`, { zoneId: this.zoneId, accountId: args.accountId, model: args.email }, { parent: this });

    this.hostnames = records.hostnames;
    this.redirectMap = redirects.redirectMap;
    this.email = mail.summary;
    this.registerOutputs({ ...facts, zoneId: this.zoneId, dsRecord: this.dsRecord, hostnames: this.hostnames, redirectMap: this.redirectMap, email: this.email });
  }
}
