/**
 * A zone's mail records, exactly as model/email.ts derives them: MX, SPF, DKIM, DMARC, MTA-STS, TLS-RPT and
 * DMARC report authorizations, all DNS-only (Cloudflare's proxy carries HTTP only) with their role in the
 * comment. When the zone publishes MTA-STS, a Worker on the custom domain mta-sts.<domain> serves the
 * policy; Cloudflare creates that hostname's DNS record and certificate itself.
 */
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { EmailModel, emailSummary, EmailSummary } from "../model/email";
import { AUTOMATIC_TTL, roleComment } from "../rules/dns-records";
import { MTA_STS_WORKER_COMPATIBILITY_DATE, MTA_STS_WORKER_MODULE, mtaStsWorkerSource } from "./mta-sts-worker";

export interface EmailAuthenticationArgs {
  /** The zone the records live in. */
  readonly zoneId: pulumi.Input<string>;
  /** The Cloudflare account that runs the MTA-STS Worker. */
  readonly accountId: pulumi.Input<string>;
  /** The zone's mail records, derived from config. */
  readonly model: EmailModel;
}

export class EmailAuthentication extends pulumi.ComponentResource {
  /** Records, SPF lookup counts (with the include figures assumed), DMARC and MTA-STS, for the stack outputs. */
  public readonly summary: EmailSummary;

  constructor(name: string, args: EmailAuthenticationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("launch-stack:email:EmailAuthentication", name, {}, opts);
    const { model } = args;
    for (const r of model.records) {
      new cloudflare.DnsRecord(`${name}-${r.key}`, {
        zoneId: args.zoneId,
        name: r.name,
        type: r.type,
        content: r.content,
        priority: r.priority,
        proxied: false,
        ttl: AUTOMATIC_TTL,
        comment: roleComment(r.role, r.purpose),
      }, { parent: this });
    }

    if (model.mtaSts) {
      const script = new cloudflare.WorkersScript(`${name}-mta-sts-worker`, {
        accountId: args.accountId,
        scriptName: `mta-sts-${model.domain.replace(/\./g, "-")}`,
        mainModule: MTA_STS_WORKER_MODULE,
        content: mtaStsWorkerSource(model.domain, model.mtaSts.policy),
        compatibilityDate: MTA_STS_WORKER_COMPATIBILITY_DATE,
      }, { parent: this });
      new cloudflare.WorkersCustomDomain(`${name}-mta-sts-domain`, {
        accountId: args.accountId,
        zoneId: args.zoneId,
        hostname: model.mtaSts.hostname,
        service: script.scriptName,
      }, { parent: this });
    }

    this.summary = emailSummary(model);
    this.registerOutputs({ summary: this.summary });
  }
}
