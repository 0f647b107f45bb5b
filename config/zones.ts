/** One Cloudflare zone: its plan, hostnames and origins, redirects and edge settings. */
import { isIPv6 } from "node:net";
import { z } from "zod";
import { PLANS } from "../rules/cloudflare-plan";
import { edgeSchema } from "./edge";
import { emailSchema } from "./email";
import { hostLabel, hostname, httpsUrl } from "./primitives";
import { extraRecordSchema } from "./records";

export const hostSchema = z.strictObject({
  /** IPv4, IPv6 or hostname of the origin; the record type follows from it. */
  origin: z.string().min(1),
  /** The IPv6 address answered beside an IPv4 origin (an A and an AAAA at the same name, as dual-stack origins have). */
  originIpv6: z.string().refine((v) => isIPv6(v), { message: "must be an IPv6 address such as 2001:db8::10" }).optional(),
  /** Serves logged-in pages or APIs: never cached at the edge. */
  authenticated: z.boolean().default(false),
  /**
   * false: DNS-only (a VPN, a SaaS CNAME, a mail host): answered with the origin itself, outside the edge, so no
   * edge rules, no Universal SSL and no uptime check unless one names it. The app's and authenticated hosts stay proxied.
   */
  proxied: z.boolean().default(true),
});

export const zoneSchema = z.strictObject({
  domain: hostname,
  plan: z.enum(PLANS),
  /** Create the zone (new domain) instead of looking up an existing one by name. */
  createZone: z.boolean().default(false),
  /** Which of apex and www is canonical; the other redirects to it. */
  canonical: z.enum(["apex", "www"]).default("apex"),
  /** Hostnames with an origin, by label (`@` is the apex). */
  hosts: z.record(hostLabel, hostSchema).default({}),
  /** Retired hostnames, by label, and the https URL base they redirect to (path and query kept). */
  legacyHosts: z.record(hostLabel, httpsUrl).default({}),
  /** Retired URLs on this zone's hostnames and the current URL each lands on. */
  legacyPaths: z.array(z.strictObject({ from: httpsUrl, to: httpsUrl })).default([]),
  /** A redirect-only (legacy) domain: apex and www redirect here, path and query kept. */
  redirectTo: httpsUrl.optional(),
  dnssec: z.boolean().default(true),
  /** Where CAs report refused certificate requests (CAA iodef). */
  caaIodef: z.string().regex(/^mailto:[^@\s]+@[^@\s]+$/, { message: "must be a mailto: URI such as mailto:security@example.com" }).optional(),
  edge: edgeSchema.prefault({}),
  email: emailSchema.optional(),
  /** Records the zone holds besides what the stack derives (SaaS CNAMEs, verification TXTs, SRV, delegations, ...). */
  records: z.array(extraRecordSchema).default([]),
});

export type ZoneConfig = z.output<typeof zoneSchema>;
