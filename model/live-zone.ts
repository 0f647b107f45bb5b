/**
 * A live zone's records as plain data: the one contract every reader yields (the zone-file reader in
 * cli/adopt/zone-file.ts, the Cloudflare API reader), so the draft, the adoption report and the import
 * file never know where the records came from. No Pulumi import.
 */
export interface LiveRecord {
  /** FQDN, lower-case, without the trailing dot. */
  name: string;
  type: string;
  /** Seconds; 1 is Cloudflare's "automatic". */
  ttl: number;
  /** Presentation-form RDATA as the zone file or the API has it (TXT still quoted). */
  content: string;
  /** Cloudflare proxies it (`cf_tags=cf-proxied:true` in an export, `proxied` from the API). */
  proxied: boolean;
  /** The record's comment, when the source carries one. */
  comment?: string;
  /** The record's tags (`name:value`, Cloudflare's record tags), when the source carries them. */
  tags?: string[];
  /** Cloudflare's per-record settings that are on: a flattened CNAME, IPv4-only or IPv6-only proxied answers. */
  settings?: { flattenCname?: true; ipv4Only?: true; ipv6Only?: true };
  /** Where it was read: `file:line`, or the API record id. */
  source: string;
  /** The Cloudflare record id, when read from the API (for `pulumi import`). */
  id?: string;
}

export interface LiveZone {
  domain: string;
  records: LiveRecord[];
}
