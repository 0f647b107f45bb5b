/**
 * Who sends and receives mail for a zone. The stack turns this into the zone's SPF, DKIM, DMARC, MTA-STS
 * and TLS-RPT records (model/email.ts); gate/email-checks.ts runs the rules/ checks over those records,
 * so a config that would publish a broken record never declares anything.
 *
 * A zone without `email` sends and receives no mail: it publishes the null-mail set (`v=spf1 -all`, null
 * MX, DMARC `p=reject`), so every declared domain is covered against spoofing.
 */
import { z } from "zod";
import { email, hostLabel, hostname } from "./primitives";

const DMARC_POLICIES = ["none", "quarantine", "reject"] as const;
const ALIGNMENT = ["r", "s"] as const;

/** A label below the zone (`mail`, `pm-bounces`); the apex cannot hold a provider's MAIL FROM or CNAME. */
const subdomainLabel = hostLabel.refine((v) => v !== "@", { message: "must be a label below the zone such as mail, not @" });

/** `<selector>._domainkey`: one or more DNS labels (RFC 6376 §3.1); checked in full by rules/dkim.ts. */
const selector = z.string().min(1);

export const dkimSchema = z.strictObject({
  selector: selector.describe("the DKIM selector, the label before ._domainkey in the record name the provider shows (s1 for s1._domainkey.example.com)"),
  /** The public key in base64 (RSA SubjectPublicKeyInfo, or the raw ed25519 key), as the provider shows it; whitespace is removed. */
  publicKey: z.string().transform((k) => k.replace(/\s+/g, "")).refine((k) => !/(^|;)(v=DKIM1|p=)/i.test(k), { message: "is the whole DKIM record; set only the base64 after p= (the stack writes v=DKIM1; k=...; p= itself)" }).describe("the DKIM public key, the base64 after p= in the TXT record the provider shows (only the key, not the v=DKIM1; k=rsa; text around it)").optional(),
  /** Or the provider's CNAME target, for keys the provider rotates itself. */
  target: z.string().optional(),
  keyType: z.enum(["rsa", "ed25519"]).default("rsa"),
  /** Publishes `t=y` (DKIM testing mode): allowed in staging only. */
  testing: z.boolean().default(false),
});

const googleWorkspace = z.strictObject({
  provider: z.literal("google-workspace"),
  /** Admin console → Apps → Gmail → Authenticate email: the selector (default `google`) and its public key. */
  dkim: dkimSchema.omit({ target: true }).extend({ selector: selector.default("google"), publicKey: dkimSchema.shape.publicKey.unwrap() }),
  /** The domain-ownership token, e.g. `google-site-verification=...`, published as a TXT at the apex. */
  verification: z.string().min(1).optional(),
});

/** A DKIM CNAME target: labels may start with `_` (`selector1-contoso-com._domainkey.contoso.onmicrosoft.com`). */
const dkimTarget = z.string().regex(/^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/, { message: "must be the lower-case CNAME target the provider shows, such as selector1-contoso-com._domainkey.contoso.onmicrosoft.com" });

/** What a Microsoft 365 tenant is and where to find it: the refusal of a missing or mistyped `tenant` says so. */
const TENANT =
  "must be the Microsoft 365 tenant's initial-domain label, the part before .onmicrosoft.com (admin center → Settings → Domains lists contoso.onmicrosoft.com: set contoso); a tenant on a custom initial domain also sets dkimTargets to the two CNAME targets Get-DkimSigningConfig shows";

const microsoft365 = z.strictObject({
  provider: z.literal("microsoft-365"),
  /** The tenant's initial domain label: `contoso` for contoso.onmicrosoft.com (the DKIM CNAME targets live there). */
  tenant: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: TENANT }).describe(TENANT.replace(/^must be /, "")),
  /** The MX host the admin center shows, when it is not `<domain-with-dashes>.mail.protection.outlook.com`. */
  mxHost: hostname.optional(),
  /**
   * The two DKIM CNAME targets exactly as `Get-DkimSigningConfig` shows them (Selector1CNAME, Selector2CNAME), when
   * they are not `selectorN-<domain-with-dashes>._domainkey.<tenant>.onmicrosoft.com` (a tenant on a custom initial
   * domain, or Microsoft's newer `*.dkim.mail.microsoft` targets).
   */
  dkimTargets: z.tuple([dkimTarget, dkimTarget]).optional(),
  /** The domain-ownership token, e.g. `MS=ms12345678`, published as a TXT at the apex. */
  verification: z.string().min(1).optional(),
});

const amazonSes = z.strictObject({
  provider: z.literal("amazon-ses"),
  /** The SES region the identity is verified in: its MAIL FROM MX is feedback-smtp.<region>.amazonses.com. */
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: "must be an AWS region such as us-east-2" }),
  /** The three Easy DKIM tokens SES shows for the identity (each becomes `<token>._domainkey` CNAME). */
  dkimTokens: z.array(z.string().regex(/^[a-z0-9]{32}$/, { message: "must be a 32-character Easy DKIM token (lower-case letters and digits)" })).length(3),
  /** The custom MAIL FROM label, e.g. `mail` for mail.example.com: its MX and SPF make SPF align with the domain. */
  mailFrom: subdomainLabel,
});

const postmark = z.strictObject({
  provider: z.literal("postmark"),
  /** The DKIM record(s) from Postmark's DNS settings (a date-based selector such as 20260101000000pm). */
  dkim: z.array(dkimSchema).min(1),
  /** Custom Return-Path label, a CNAME to pm.mtasv.net. */
  returnPath: subdomainLabel.default("pm-bounces"),
});

const sendgrid = z.strictObject({
  provider: z.literal("sendgrid"),
  /** The account's sending host from Sender Authentication, e.g. u1234567.wl123.sendgrid.net. */
  host: hostname.refine((h) => h.endsWith(".sendgrid.net"), { message: "must be the sendgrid.net host SendGrid shows, such as u1234567.wl123.sendgrid.net" }).describe("the sendgrid.net host the return-path CNAME points at under Settings → Sender Authentication, such as u1234567.wl123.sendgrid.net"),
  /** The return-path label SendGrid assigns, e.g. em1234. */
  returnPath: subdomainLabel.describe("the return-path label SendGrid assigns, the em1234 of the CNAME em1234.<domain> → u1234567.wl123.sendgrid.net under Settings → Sender Authentication (the label only, not the full hostname)"),
  /** Automated-security DKIM selectors, CNAMEs to `<selector>.domainkey.<host>`. */
  dkimSelectors: z.array(selector).min(1).default(["s1", "s2"]),
});

const mailgun = z.strictObject({
  provider: z.literal("mailgun"),
  /** The region the Mailgun account lives in: EU domains receive bounces on mxa/mxb.eu.mailgun.org. */
  region: z.enum(["us", "eu"]).default("us"),
  /** The sending subdomain Mailgun is set up for, e.g. `mg` for mg.example.com (its SPF, MX and DKIM live there). */
  subdomain: subdomainLabel,
  /** The DKIM record(s) Mailgun shows for the sending subdomain (selectors are relative to it). */
  dkim: z.array(dkimSchema).min(1),
});

/** Resend's sending regions (its domains dashboard, "Choose a region"): the MAIL FROM MX is feedback-smtp.<region>.amazonses.com. */
const RESEND_REGIONS = ["us-east-1", "eu-west-1", "sa-east-1", "ap-northeast-1"] as const;

const resend = z.strictObject({
  provider: z.literal("resend"),
  /** The region the Resend domain was added in. */
  region: z.enum(RESEND_REGIONS).default("us-east-1"),
  /** The return-path label (Resend's default `send`, or the custom return path set on the domain): its MX and SPF live there. */
  returnPath: subdomainLabel.default("send"),
  /** The `p=` value of the TXT record Resend shows at `resend._domainkey`. */
  publicKey: dkimSchema.shape.publicKey.unwrap(),
});

const brevo = z.strictObject({
  provider: z.literal("brevo"),
  /** The ownership code Brevo shows (`brevo-code:<32 hex>`), published as a TXT at the apex. */
  code: z.string().regex(/^brevo-code:[0-9a-f]{32}$/, { message: "must be the code Brevo shows, such as brevo-code:e760f020e6d438149540cfc757e99b5a" }),
  /** The DKIM record(s) Brevo shows: a TXT key (selector `mail`) or CNAMEs to Brevo's keys, copied as shown. */
  dkim: z.array(dkimSchema).min(1),
});

const sparkpost = z.strictObject({
  provider: z.literal("sparkpost"),
  /** SparkPost (US) or SparkPost EU: the bounce CNAME points at sparkpostmail.com or eu.sparkpostmail.com. */
  region: z.enum(["us", "eu"]).default("us"),
  /** The DKIM TXT record SparkPost shows for the sending domain (selector such as scph0126). */
  dkim: z.array(dkimSchema).min(1),
  /** A bounce-domain label (CNAME to SparkPost) so the Return-Path aligns with the domain for SPF; without it only DKIM aligns. */
  bounce: subdomainLabel.optional(),
});

const mailchimpTransactional = z.strictObject({
  provider: z.literal("mailchimp-transactional"),
  /** A custom return-path label (CNAME to mandrillapp.com) so SPF aligns; without it only DKIM aligns. */
  returnPath: subdomainLabel.optional(),
});

/** A hostname a CNAME may point at (labels may start with `_`). */
const cnameTarget = z.string().regex(/^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/, { message: "must be the lower-case hostname the provider shows, such as bounces.example-esp.net" });

const custom = z.strictObject({
  provider: z.literal("custom"),
  /** Who sends (shown in the plan, the handover and record comments), e.g. Zendesk. */
  name: z.string().min(1).max(40),
  /** SPF terms the sender documents (include:, ip4:, ip6:, ...), merged into the apex record and judged with it (lookups, network widths). */
  spf: z.array(z.string().min(1)).default([]),
  /** DKIM selectors: a public key (TXT) or the provider's CNAME target each. */
  dkim: z.array(dkimSchema).default([]),
  /** A return-path (bounce) CNAME the sender asks for, so its MAIL FROM aligns with the domain. */
  returnPath: z.strictObject({ label: subdomainLabel, target: cnameTarget }).optional(),
});

/** An error line for a mistyped provider that names the choices instead of zod's generic union message. */
function providers(names: readonly string[]) {
  return { error: (issue: { code?: string }) => (issue.code === "invalid_union" ? `must be one of ${names.map((n) => JSON.stringify(n)).join(", ")}` : undefined) };
}

export const mailboxSchema = z.discriminatedUnion("provider", [googleWorkspace, microsoft365], providers(["google-workspace", "microsoft-365"]));
const SENDERS = [amazonSes, postmark, sendgrid, mailgun, resend, brevo, sparkpost, mailchimpTransactional, custom] as const;
export const senderSchema = z.discriminatedUnion("provider", [...SENDERS], providers(SENDERS.map((s) => s.shape.provider.value)));

export const emailSchema = z.strictObject({
  /** false: a parked or legacy domain that publishes the null-mail set; only `dmarc.rua` may be set then. */
  sendsMail: z.boolean().default(true),
  /** The mailbox provider: the domain's MX, and its SPF include and DKIM at the apex. */
  mailbox: mailboxSchema.optional(),
  /** Transactional senders (invitations, password resets), each on its own MAIL FROM / return-path name. */
  senders: z.array(senderSchema).default([]),
  /** Further SPF terms for the apex record (another sender's include, ip4/ip6 ranges), merged into the one record. */
  spf: z.array(z.string().min(1)).default([]),
  /** Further DKIM selectors at the apex (`<selector>._domainkey.<domain>`), a public key or a CNAME target each. */
  dkim: z.array(dkimSchema).default([]),
  /** How SPF records end: -all, or ~all while staging is validated. */
  spfAll: z.enum(["-all", "~all"]).default("-all"),
  dmarc: z.strictObject({
    /**
     * The DMARC stage: none (monitoring, staging only), quarantine, then reject. Default: quarantine, or reject
     * for a domain that sends no mail. Published as that policy itself, never as a stricter p with t=y, which
     * RFC 7489 receivers would enforce in full (rules/dmarc.ts buildDmarc).
     */
    policy: z.enum(DMARC_POLICIES).optional(),
    /** sp=: the policy for subdomains, when it differs. */
    subdomainPolicy: z.enum(DMARC_POLICIES).optional(),
    /** Aggregate report mailboxes (at most two). */
    rua: z.array(email).default([]),
    /** DKIM and SPF alignment: r (relaxed, the default) or s (strict). */
    adkim: z.enum(ALIGNMENT).optional(),
    aspf: z.enum(ALIGNMENT).optional(),
  }).prefault({}),
  /** MTA-STS (RFC 8461): the policy served at https://mta-sts.<domain>/.well-known/mta-sts.txt by a Cloudflare Worker. */
  mtaSts: z.strictObject({
    /** testing first (with TLS-RPT), enforce once reports are clean. */
    mode: z.enum(["testing", "enforce", "none"]),
    /** Seconds senders cache the policy. */
    maxAge: z.int().positive().default(604800),
    /** mx: patterns; default: the MX hosts the stack declares. */
    mx: z.array(z.string().min(1)).optional(),
  }).optional(),
  /** TLS-RPT (RFC 8460): where senders report TLS failures. */
  tlsRpt: z.strictObject({ rua: z.array(email).min(1) }).optional(),
});

export type EmailConfig = z.output<typeof emailSchema>;
export type DkimConfig = z.output<typeof dkimSchema>;
export type MailboxConfig = z.output<typeof mailboxSchema>;
export type SenderConfig = z.output<typeof senderSchema>;
