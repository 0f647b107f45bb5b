/**
 * What a live record does when it stays in the zone beside the set the stack declares at its name and type:
 * adopting a zone must end with the stack's set only, so every such record is deleted before the first
 * `pulumi up`, and the reason says what it breaks meanwhile (a second SPF record is a permerror, a stray MX
 * receives mail). TXT records are told apart by what they are for, so an SPF record is only ever set against
 * SPF; a verification token (`google-site-verification=...`, `stripe-verification=...`) stands alone: several
 * at one name are normal and none harms another, so it is never stray. Pure: the adopt command's draft and
 * report call it.
 */

/** What a TXT value is for, by its version tag: `spf1`, `dmarc1`, `dkim1`, `stsv1`, `tlsrptv1`, else `other`. */
export function txtKind(value: string): string {
  const m = /^v=(spf1|DMARC1|DKIM1|STSv1|TLSRPTv1)\b/i.exec(value.trim());
  return m ? m[1].toLowerCase() : "other";
}

/**
 * What a TXT value is for, finer than `txtKind`: the version tag, or for an unversioned `token=value` (a
 * verification token) the token's name, lowercased (`google-site-verification`); undefined for free text.
 * Two TXT records are only ever set against each other when their purposes are equal.
 */
export function txtPurpose(value: string): string | undefined {
  const kind = txtKind(value);
  if (kind !== "other") return kind;
  const token = /^([a-z0-9][a-z0-9._-]*)=/i.exec(value.trim());
  return token ? `${token[1].toLowerCase()}=` : undefined;
}

/** Whether a TXT value stands alone (a verification token or free text), rather than being one of a set of one. */
export function txtStandsAlone(value: string): boolean {
  return txtKind(value) === "other";
}

const TXT_HARM: Record<string, string> = {
  spf1: "two SPF records at one name are a permerror (RFC 7208 §4.5), so SPF fails for all mail",
  dmarc1: "with two DMARC records receivers apply no policy at all (RFC 7489 §6.6.3)",
  dkim1: "a selector with two keys is undefined (RFC 6376 §3.6.2.2): verifiers may pick the stale key and fail DKIM",
  stsv1: "with two MTA-STS records senders assume the domain has no MTA-STS (RFC 8461 §3.1)",
  tlsrptv1: "with two TLS-RPT records senders assume the domain wants no TLS reports (RFC 8460 §3)",
};

const HARM: Record<string, string> = {
  MX: "a stray MX receives mail: senders deliver to it by its priority (RFC 5321 §5.1), to a server the stack does not declare",
  A: "resolvers hand out its address beside the stack's, so part of the traffic reaches an origin the stack does not declare",
  AAAA: "resolvers hand out its address beside the stack's, so part of the traffic reaches an origin the stack does not declare",
  NS: "resolvers ask a nameserver the stack does not declare for part of the delegation's lookups",
  CAA: "it lets one more CA issue certificates for the name (RFC 8659 §4)",
};

/**
 * Why a live record of `type` at a name where the stack declares that type has to go; undefined for a TXT
 * that stands alone (`txtStandsAlone`), which stays beside the stack's records unharmed.
 */
export function strayRecordHarm(type: string, value: string): string | undefined {
  if (type === "TXT") return TXT_HARM[txtKind(value)];
  return HARM[type] ?? `the stack declares this name's ${type} records without it, so it would stay in the zone unmanaged`;
}
