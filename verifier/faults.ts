/**
 * Network faults as one short reason for a scorecard row: a timeout, SERVFAIL, a refused connection or a
 * TLS error is a failed check with its cause, never a crash and never a stack trace.
 */

const REASONS: Record<string, string> = {
  ETIMEOUT: "DNS query timed out",
  ETIMEDOUT: "timed out",
  ESERVFAIL: "SERVFAIL",
  EREFUSED: "DNS query refused",
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ENOTFOUND: "name does not resolve",
  EAI_AGAIN: "name lookup failed (temporary)",
  CERT_HAS_EXPIRED: "certificate has expired",
  CERT_NOT_YET_VALID: "certificate is not yet valid",
  DEPTH_ZERO_SELF_SIGNED_CERT: "certificate is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "certificate chain ends in an untrusted self-signed root",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "certificate is not signed by a trusted CA",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "certificate's issuer is not trusted",
  ERR_TLS_CERT_ALTNAME_INVALID: "certificate does not cover the hostname",
  ABORT_ERR: "aborted",
};

/** A probe failure whose message is already the reason to show. */
export class ProbeFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProbeFault";
  }
}

export function faultReason(error: unknown): string {
  if (error instanceof ProbeFault) return error.message;
  const e = error as { code?: string; message?: string; reason?: string } | undefined;
  const known = e?.code ? REASONS[e.code] : undefined;
  if (known) return e?.code === "ERR_TLS_CERT_ALTNAME_INVALID" && e.reason ? `${known}: ${e.reason}` : known;
  const message = e?.message ?? String(error);
  return e?.code && !message.includes(e.code) ? `${message} (${e.code})` : message;
}
