/**
 * Destinations that provably cannot receive mail: a DMARC or TLS-RPT report address, an alert mailbox or
 * a CAA iodef on a domain whose only MX is the null MX (RFC 7505 §3: "the domain accepts no mail"), which
 * this stack itself publishes for every domain that sends and receives none. Reports and alerts sent there
 * bounce, so nobody ever reads them. A destination on a domain outside the stack is not judged here: its
 * MX is not ours to know at plan time (the verifier looks it up live).
 */
import { Finding } from "./finding";

const REF = "RFC 7505 §3";

/** The lower-case domain of `user@domain` or `mailto:user@domain`, without a trailing dot; undefined when there is none. */
export function mailDomain(address: string): string | undefined {
  const bare = address.replace(/^mailto:/i, "").split("!")[0];
  const at = bare.lastIndexOf("@");
  return at < 0 ? undefined : bare.slice(at + 1).toLowerCase().replace(/\.$/, "");
}

/** Whether an MX set is exactly the null MX (`0 .`). */
export function isNullMxSet(exchanges: readonly string[]): boolean {
  return exchanges.length > 0 && exchanges.every((e) => e === "." || e === "");
}

/**
 * One finding when `address` is on a domain that accepts no mail.
 * @param what what the address is for, as the message names it: "DMARC report address", "alert mailbox"
 * @param nullMxDomains the domains known to publish only the null MX
 */
export function checkMailDestination(address: string, what: string, nullMxDomains: ReadonlySet<string>): Finding[] {
  const domain = mailDomain(address);
  if (domain === undefined || !nullMxDomains.has(domain)) return [];
  return [{
    message: `${what} ${address.replace(/^mailto:/i, "")} is on ${domain}, which publishes a null MX and accepts no mail, so nothing sent there is ever read`,
    ref: REF,
    fix: `use a mailbox on a domain that receives mail`,
    severity: "error",
  }];
}

/** The mailto: addresses of a `rua=` tag in a DMARC or TLS-RPT record (comma-separated URIs, `!size` dropped). */
export function ruaAddresses(record: string): string[] {
  const rua = /(?:^|;)\s*rua\s*=\s*([^;]*)/i.exec(record)?.[1] ?? "";
  return rua.split(",").map((u) => u.trim()).filter((u) => /^mailto:/i.test(u)).map((u) => u.replace(/^mailto:/i, "").split("!")[0]);
}
