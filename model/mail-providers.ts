/**
 * What each mail provider needs in DNS, as plain data: MX hosts, the SPF include and on which name it
 * goes, DKIM selectors (a TXT key or a CNAME to the provider's key), return-path CNAMEs, and which domains
 * its MAIL FROM and DKIM signatures use (for DMARC alignment). Shapes follow each provider's setup page:
 * - Google Workspace: MX smtp.google.com (priority 1), include:_spf.google.com, DKIM TXT at google._domainkey
 *   (support.google.com/a/answer/140034, /174125).
 * - Microsoft 365: MX <domain-with-dashes>.mail.protection.outlook.com (0), include:spf.protection.outlook.com,
 *   DKIM CNAMEs selector1/selector2 to <tenant>.onmicrosoft.com, autodiscover CNAME (learn.microsoft.com,
 *   "Add DNS records to connect your domain"; "Set up DKIM").
 * - Amazon SES: three Easy DKIM CNAMEs <token>._domainkey → <token>.dkim.amazonses.com; custom MAIL FROM with
 *   MX 10 feedback-smtp.<region>.amazonses.com and SPF include:amazonses.com there (SES developer guide,
 *   "Easy DKIM", "Using a custom MAIL FROM domain").
 * - Postmark: DKIM per the dashboard; Return-Path CNAME pm-bounces → pm.mtasv.net.
 * - SendGrid: return-path CNAME em<n> → u<id>.wl<n>.sendgrid.net, DKIM CNAMEs s1/s2 → s<n>.domainkey.<host>.
 * - Mailgun: a sending subdomain with include:mailgun.org, MX mxa/mxb.mailgun.org (10), or mxa/mxb.eu.mailgun.org for
 *   an EU-region domain, and DKIM per the dashboard (Mailgun help, "Domain verification setup"; EU region endpoints).
 * - Resend: at the return-path label (default `send`, or the custom return path) MX 10
 *   feedback-smtp.<region>.amazonses.com and SPF include:amazonses.com; DKIM TXT `p=<key>` at resend._domainkey
 *   (resend.com/docs/dashboard/domains/introduction, /docs/dashboard/domains/custom-return-path; Resend's Domain
 *   Connect template github.com/Domain-Connect/Templates resend.com.mail.json).
 * - Brevo: TXT `brevo-code:<code>` at the apex and the DKIM record the dashboard shows (TXT at mail._domainkey, or
 *   CNAMEs to Brevo's keys); no SPF record: the Return-Path is Brevo's own domain, so DMARC aligns through DKIM
 *   (developers.brevo.com/docs/domain-authentication-and-verification; help.brevo.com "Authenticate your domain
 *   with Brevo (Brevo code, DKIM, DMARC)").
 * - SparkPost: the DKIM TXT at `<selector>._domainkey` (scphMMYY), and a bounce domain by CNAME to sparkpostmail.com
 *   (eu.sparkpostmail.com for SparkPost EU), which carries SPF for the Return-Path; no apex include
 *   (developers.sparkpost.com/api/sending-domains, "DNS notes", "Using a sending domain as a bounce domain").
 * - Mailchimp Transactional (Mandrill): DKIM CNAMEs mte1._domainkey → dkim1.mandrillapp.com and mte2._domainkey →
 *   dkim2.mandrillapp.com, no SPF since the 2024 requirements (mailchimp.com/developer/release-notes/
 *   new-sending-domain-authentication-requirements; mailchimp.com/developer/transactional/docs/authentication-delivery);
 *   optional custom Return-Path subdomain by CNAME to mandrillapp.com (mandrill.zendesk.com/hc/en-us/articles/205582727).
 * - custom: whatever another sender documents: SPF terms merged into the apex record, DKIM by key or CNAME, an
 *   optional return-path CNAME.
 * - Microsoft 365 DKIM targets: whatever Get-DkimSigningConfig reports as Selector1CNAME/Selector2CNAME
 *   (learn.microsoft.com, "Get-DkimSigningConfig"); the derived form is the default, `dkimTargets` overrides it.
 * No Pulumi import.
 */
import type { DkimConfig, MailboxConfig, SenderConfig } from "../config/email";
import { dkimRecordName } from "../rules/dkim";

export interface MxPart {
  /** FQDN the MX sits at. */
  name: string;
  host: string;
  priority: number;
}

export interface DkimPart {
  selector: string;
  /** `<selector>._domainkey.<domain>`. */
  name: string;
  /** The signing domain (d=). */
  domain: string;
  /** TXT key record text, when the key is published here. */
  value?: string;
  /** CNAME target, when the provider hosts the key. */
  target?: string;
  /** Path of the DKIM entry (`…dkim[1]`, `…dkimTokens[0]`). */
  configPath: string;
  /** As configured, for the key checks; undefined for provider-derived CNAMEs. */
  config?: DkimConfig;
}

export interface CnamePart {
  name: string;
  target: string;
  /** Prefix of the record's resource key: `return-path`, `cname`. */
  kind: string;
  purpose: string;
  configPath: string;
}

export interface MailParts {
  /** "Google Workspace", "Amazon SES". */
  provider: string;
  configPath: string;
  mx: MxPart[];
  /** SPF includes by the name whose record they join. */
  spf: { name: string; includes: string[] }[];
  dkim: DkimPart[];
  cnames: CnamePart[];
  /** SPF terms written for this sender, merged into the apex record (the custom sender), each with its key path. */
  spfTerms: { term: string; configPath: string }[];
  /** Ownership tokens published as TXT at the apex. */
  verification: string[];
  /** Key path of the ownership token, when it is not `<configPath>.verification`. */
  verificationPath?: string;
  /** RFC5321.MailFrom domain of this provider's mail (DMARC SPF alignment). */
  mailFromDomain: string;
  /** d= of its DKIM signatures (DMARC DKIM alignment). */
  dkimDomain: string;
}

/** The exact DKIM key record text: `v=DKIM1; k=<type>; [t=y; ]p=<key>` (RFC 6376 §3.6.1). */
export function dkimRecordText(key: { publicKey: string; keyType: string; testing: boolean }): string {
  return `v=DKIM1; k=${key.keyType}; ${key.testing ? "t=y; " : ""}p=${key.publicKey}`;
}

/** A configured DKIM entry at `domain`: its TXT key text or its CNAME target. */
export function dkimPart(entry: DkimConfig, domain: string, configPath: string): DkimPart {
  const base = { selector: entry.selector, name: dkimRecordName(entry.selector, domain), domain, configPath, config: entry };
  return entry.target !== undefined
    ? { ...base, target: entry.target }
    : { ...base, value: dkimRecordText({ publicKey: entry.publicKey ?? "", keyType: entry.keyType, testing: entry.testing }) };
}

function providerDkimCname(selector: string, domain: string, target: string, configPath: string): DkimPart {
  return { selector, name: dkimRecordName(selector, domain), domain, target, configPath };
}

/** `example.com` → `example-com`, the form Microsoft 365 uses in MX hosts and DKIM targets. */
function dashed(domain: string): string {
  return domain.replace(/\./g, "-");
}

export const PROVIDER_NAMES: Record<MailboxConfig["provider"] | SenderConfig["provider"], string> = {
  "google-workspace": "Google Workspace",
  "microsoft-365": "Microsoft 365",
  "amazon-ses": "Amazon SES",
  postmark: "Postmark",
  sendgrid: "SendGrid",
  mailgun: "Mailgun",
  resend: "Resend",
  brevo: "Brevo",
  sparkpost: "SparkPost",
  "mailchimp-transactional": "Mailchimp Transactional",
  custom: "custom sender",
};

function parts(provider: string, configPath: string, domain: string, fill: Partial<MailParts>): MailParts {
  return { provider, configPath, mx: [], spf: [], spfTerms: [], dkim: [], cnames: [], verification: [], mailFromDomain: domain, dkimDomain: domain, ...fill };
}

export function mailboxParts(mailbox: MailboxConfig, domain: string, configPath: string): MailParts {
  const verification = mailbox.verification ? [mailbox.verification] : [];
  switch (mailbox.provider) {
    case "google-workspace":
      return parts(PROVIDER_NAMES[mailbox.provider], configPath, domain, {
        mx: [{ name: domain, host: "smtp.google.com", priority: 1 }],
        spf: [{ name: domain, includes: ["_spf.google.com"] }],
        dkim: [dkimPart({ ...mailbox.dkim, target: undefined }, domain, `${configPath}.dkim`)],
        verification,
      });
    case "microsoft-365": {
      const tenant = `${mailbox.tenant}.onmicrosoft.com`;
      return parts(PROVIDER_NAMES[mailbox.provider], configPath, domain, {
        mx: [{ name: domain, host: mailbox.mxHost ?? `${dashed(domain)}.mail.protection.outlook.com`, priority: 0 }],
        spf: [{ name: domain, includes: ["spf.protection.outlook.com"] }],
        dkim: ["selector1", "selector2"].map((s, i) => mailbox.dkimTargets
          ? providerDkimCname(s, domain, mailbox.dkimTargets[i], `${configPath}.dkimTargets[${i}]`)
          : providerDkimCname(s, domain, `${s}-${dashed(domain)}._domainkey.${tenant}`, `${configPath}.tenant`)),
        cnames: [{ name: `autodiscover.${domain}`, target: "autodiscover.outlook.com", kind: "cname", purpose: "Outlook client autodiscover", configPath }],
        verification,
      });
    }
  }
}

export function senderParts(sender: SenderConfig, domain: string, configPath: string): MailParts {
  const name = PROVIDER_NAMES[sender.provider];
  switch (sender.provider) {
    case "amazon-ses": {
      const mailFrom = `${sender.mailFrom}.${domain}`;
      return parts(name, configPath, domain, {
        mx: [{ name: mailFrom, host: `feedback-smtp.${sender.region}.amazonses.com`, priority: 10 }],
        spf: [{ name: mailFrom, includes: ["amazonses.com"] }],
        dkim: sender.dkimTokens.map((t, i) => providerDkimCname(t, domain, `${t}.dkim.amazonses.com`, `${configPath}.dkimTokens[${i}]`)),
        mailFromDomain: mailFrom,
      });
    }
    case "postmark": {
      const returnPath = `${sender.returnPath}.${domain}`;
      return parts(name, configPath, domain, {
        dkim: sender.dkim.map((d, i) => dkimPart(d, domain, `${configPath}.dkim[${i}]`)),
        cnames: [{ name: returnPath, target: "pm.mtasv.net", kind: "return-path", purpose: "Postmark return-path (SPF alignment)", configPath: `${configPath}.returnPath` }],
        mailFromDomain: returnPath,
      });
    }
    case "sendgrid": {
      const returnPath = `${sender.returnPath}.${domain}`;
      return parts(name, configPath, domain, {
        dkim: sender.dkimSelectors.map((s, i) => providerDkimCname(s, domain, `${s}.domainkey.${sender.host}`, `${configPath}.dkimSelectors[${i}]`)),
        cnames: [{ name: returnPath, target: sender.host, kind: "return-path", purpose: "SendGrid return-path (SPF alignment)", configPath: `${configPath}.returnPath` }],
        mailFromDomain: returnPath,
      });
    }
    case "mailgun": {
      const sending = `${sender.subdomain}.${domain}`;
      return parts(name, configPath, domain, {
        mx: (sender.region === "eu" ? ["mxa.eu.mailgun.org", "mxb.eu.mailgun.org"] : ["mxa.mailgun.org", "mxb.mailgun.org"]).map((host) => ({ name: sending, host, priority: 10 })),
        spf: [{ name: sending, includes: ["mailgun.org"] }],
        dkim: sender.dkim.map((d, i) => dkimPart(d, sending, `${configPath}.dkim[${i}]`)),
        mailFromDomain: sending,
        dkimDomain: sending,
      });
    }
    case "resend": {
      const returnPath = `${sender.returnPath}.${domain}`;
      return parts(name, configPath, domain, {
        mx: [{ name: returnPath, host: `feedback-smtp.${sender.region}.amazonses.com`, priority: 10 }],
        spf: [{ name: returnPath, includes: ["amazonses.com"] }],
        dkim: [dkimPart({ selector: "resend", publicKey: sender.publicKey, keyType: "rsa", testing: false }, domain, configPath)],
        mailFromDomain: returnPath,
      });
    }
    case "brevo":
      return parts(name, configPath, domain, {
        dkim: sender.dkim.map((d, i) => dkimPart(d, domain, `${configPath}.dkim[${i}]`)),
        verification: [sender.code],
        verificationPath: `${configPath}.code`,
        mailFromDomain: "brevo's bounce domain",
      });
    case "sparkpost": {
      const bounce = sender.bounce === undefined ? undefined : `${sender.bounce}.${domain}`;
      return parts(name, configPath, domain, {
        dkim: sender.dkim.map((d, i) => dkimPart(d, domain, `${configPath}.dkim[${i}]`)),
        cnames: bounce ? [{ name: bounce, target: sender.region === "eu" ? "eu.sparkpostmail.com" : "sparkpostmail.com", kind: "return-path", purpose: "SparkPost bounce domain (SPF alignment)", configPath: `${configPath}.bounce` }] : [],
        mailFromDomain: bounce ?? "sparkpostmail.com",
      });
    }
    case "mailchimp-transactional": {
      const returnPath = sender.returnPath === undefined ? undefined : `${sender.returnPath}.${domain}`;
      return parts(name, configPath, domain, {
        dkim: ["mte1", "mte2"].map((s, i) => providerDkimCname(s, domain, `dkim${i + 1}.mandrillapp.com`, configPath)),
        cnames: returnPath ? [{ name: returnPath, target: "mandrillapp.com", kind: "return-path", purpose: "Mailchimp Transactional return-path (SPF alignment)", configPath: `${configPath}.returnPath` }] : [],
        mailFromDomain: returnPath ?? "mandrillapp.com",
      });
    }
    case "custom": {
      const returnPath = sender.returnPath && `${sender.returnPath.label}.${domain}`;
      return parts(sender.name, configPath, domain, {
        spfTerms: sender.spf.map((term, i) => ({ term, configPath: `${configPath}.spf[${i}]` })),
        dkim: sender.dkim.map((d, i) => dkimPart(d, domain, `${configPath}.dkim[${i}]`)),
        cnames: sender.returnPath ? [{ name: returnPath!, target: sender.returnPath.target, kind: "return-path", purpose: `${sender.name} return-path`, configPath: `${configPath}.returnPath` }] : [],
        mailFromDomain: returnPath ?? domain,
      });
    }
  }
}
