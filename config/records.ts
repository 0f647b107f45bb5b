/**
 * Extra DNS records a zone holds besides what the stack derives (helpdesk and booking CNAMEs, SaaS
 * verification TXTs, SRV for calling, MX for other subdomains, delegations, HTTPS/SVCB, ...): every type
 * `cloudflare.DnsRecord` accepts, each in the shape Cloudflare's API takes it (`content`, or `data` for
 * structured types, `priority` where the API has it at the top). The shapes are here; the checks that
 * span records (conflicts with generated names, CNAME exclusivity, SPF and DMARC outside the email
 * section, dangling targets) live in rules/record-sets.ts, called by gate/record-checks.ts.
 */
import { isIPv4, isIPv6 } from "node:net";
import { z } from "zod";

/** A record name under the zone: `@` (apex), `*` or `*.<label>` (wildcard), labels that may start with `_` (`_sip._tls`). */
export const recordLabel = z.string().regex(/^(@|\*|(\*\.)?[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*)$/, {
  message: "must be @ (the apex), * or a lower-case name below the zone such as help, _sip._tls or *.cdn",
});

/** A target hostname; `_` is allowed because validation targets (`_x.acm-validations.aws`) use it. */
const target = z.string().transform((v) => v.replace(/\.$/, "")).refine((v) => v.length <= 253 && /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)+$/.test(v), {
  message: "must be a lower-case hostname such as help.example.net (no trailing dot needed)",
});

/** 1 is automatic (required when proxied); otherwise 60-86400 seconds, as Cloudflare accepts. */
export const recordTtl = z.int().refine((v) => v === 1 || (v >= 60 && v <= 86400), { message: "must be 1 (automatic) or 60-86400 seconds" });

const u8 = z.int().min(0).max(255);
const u16 = z.int().min(0).max(65535);
const hex = z.string().regex(/^[0-9a-fA-F]+$/, { message: "must be hexadecimal" }).transform((v) => v.toLowerCase());
const base64 = z.string().transform((v) => v.replace(/\s+/g, "")).refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v), { message: "must be base64" });

const base = {
  name: recordLabel,
  ttl: recordTtl.default(1),
  /** Shown in the dashboard; at most 100 characters on the Free plan, 500 on paid plans (rules/record-sets.ts). */
  comment: z.string().min(1).max(500).optional(),
};

/** Only A, AAAA and CNAME can pass through Cloudflare's proxy; the rest never take `proxied`. */
const proxiable = { ...base, proxied: z.boolean().default(false) };

const record = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.strictObject({ type: z.literal(type), ...shape });

export const extraRecordSchema = z.discriminatedUnion("type", [
  record("A", { ...proxiable, content: z.string().refine((v) => isIPv4(v), { message: "must be an IPv4 address such as 203.0.113.7" }) }),
  record("AAAA", { ...proxiable, content: z.string().refine((v) => isIPv6(v), { message: "must be an IPv6 address such as 2001:db8::7" }) }),
  /**
   * `flattenCname: true` answers the target's addresses instead of the CNAME (Cloudflare's per-record
   * flattening, paid plans, DNS-only records; rules/record-sets.ts checks both).
   */
  record("CNAME", { ...proxiable, content: target, flattenCname: z.boolean().optional() }),
  /** The value as the service shows it, unquoted: the stack quotes and splits it (rules/txt.ts). */
  record("TXT", { ...base, content: z.string().min(1) }),
  /** `.` is the null MX (RFC 7505). */
  record("MX", { ...base, content: z.union([z.literal("."), target]), priority: u16 }),
  /** A delegation of the name to other nameservers (never the apex: Cloudflare answers there). */
  record("NS", { ...base, content: target }),
  record("PTR", { ...base, content: target }),
  record("OPENPGPKEY", { ...base, content: base64 }),
  record("SRV", { ...base, data: z.strictObject({ priority: u16, weight: u16, port: u16, target: z.union([z.literal("."), target]) }) }),
  record("URI", { ...base, priority: u16, data: z.strictObject({ weight: u16, target: z.string().min(1) }) }),
  record("CAA", { ...base, data: z.strictObject({ flags: u8.default(0), tag: z.string().regex(/^[a-z0-9]{1,15}$/i, { message: "must be a CAA tag such as issue, issuewild or iodef" }), value: z.string().min(1) }) }),
  /** SvcPriority, TargetName (`.` for the owner name) and SvcParams as presentation text (RFC 9460). */
  record("HTTPS", { ...base, data: z.strictObject({ priority: u16, target: z.union([z.literal("."), target]), value: z.string().default("") }) }),
  record("SVCB", { ...base, data: z.strictObject({ priority: u16, target: z.union([z.literal("."), target]), value: z.string().default("") }) }),
  record("TLSA", { ...base, data: z.strictObject({ usage: u8, selector: u8, matchingType: u8, certificate: hex }) }),
  record("SMIMEA", { ...base, data: z.strictObject({ usage: u8, selector: u8, matchingType: u8, certificate: hex }) }),
  record("SSHFP", { ...base, data: z.strictObject({ algorithm: u8, type: u8, fingerprint: hex }) }),
  record("DS", { ...base, data: z.strictObject({ keyTag: u16, algorithm: u8, digestType: u8, digest: hex }) }),
  record("DNSKEY", { ...base, data: z.strictObject({ flags: u16, protocol: u8, algorithm: u8, publicKey: base64 }) }),
  record("CERT", { ...base, data: z.strictObject({ type: u16, keyTag: u16, algorithm: u8, certificate: base64 }) }),
  record("NAPTR", { ...base, data: z.strictObject({ order: u16, preference: u16, flags: z.string(), service: z.string(), regex: z.string(), replacement: z.union([z.literal("."), target]) }) }),
  record("LOC", {
    ...base,
    data: z.strictObject({
      latDegrees: z.int().min(0).max(90), latMinutes: z.int().min(0).max(59).default(0), latSeconds: z.number().min(0).max(59.999).default(0), latDirection: z.enum(["N", "S"]),
      longDegrees: z.int().min(0).max(180), longMinutes: z.int().min(0).max(59).default(0), longSeconds: z.number().min(0).max(59.999).default(0), longDirection: z.enum(["E", "W"]),
      altitude: z.number().min(-100000).max(42849672.95).default(0), size: z.number().min(0).max(90000000).default(1), precisionHorz: z.number().min(0).max(90000000).default(10000), precisionVert: z.number().min(0).max(90000000).default(10),
    }),
  }),
], { error: (issue) => (issue.code === "invalid_union" ? "type must be one of A, AAAA, CNAME, TXT, MX, NS, PTR, OPENPGPKEY, SRV, URI, CAA, HTTPS, SVCB, TLSA, SMIMEA, SSHFP, DS, DNSKEY, CERT, NAPTR, LOC" : undefined) });

export type ExtraRecordConfig = z.output<typeof extraRecordSchema>;
export const EXTRA_RECORD_TYPES = extraRecordSchema.options.map((o) => o.shape.type.value);
