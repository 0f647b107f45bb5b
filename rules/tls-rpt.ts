/**
 * SMTP TLS Reporting (RFC 8460): the `_smtp._tls.<domain>` TXT record telling senders where to report
 * TLS and MTA-STS failures, which is how a policy in `testing` mode is validated before `enforce`.
 */
import { Finding } from "./finding";
import { duplicateTagNames, parseTagList } from "./tag-list";

function error(message: string, ref: string, fix: string): Finding {
  return { message, ref, fix, severity: "error" };
}

/** `v=TLSRPTv1; rua=<uri>,<uri>`; a bare address gets `mailto:`. */
export function buildTlsRpt(rua: readonly string[]): string {
  const uris = rua.map((u) => (/^[a-z][a-z0-9+.-]*:/i.test(u) ? u : `mailto:${u}`));
  return `v=TLSRPTv1; rua=${uris.join(",")}`;
}

/** Every TXT value at `_smtp._tls.<domain>`: exactly one TLSRPTv1 record, v first, rua of mailto: or https: URIs (RFC 8460 §3). */
export function checkTlsRpt(records: readonly string[]): Finding[] {
  const candidates = records.filter((r) => /^v=TLSRPTv1(\s|;|$)/.test(r));
  if (candidates.length === 0) {
    return [error("no TXT record at _smtp._tls starts with v=TLSRPTv1", "RFC 8460 §3", "publish v=TLSRPTv1; rua=mailto:<address>")];
  }
  if (candidates.length > 1) {
    return [error(`${candidates.length} TXT records at _smtp._tls start with v=TLSRPTv1; senders then send no reports`, "RFC 8460 §3", "keep a single v=TLSRPTv1 record")];
  }
  const list = parseTagList(candidates[0]);
  const findings = list.problems.map((p) => error(`TLS-RPT record is malformed: ${p}`, "RFC 8460 §3", "write v=TLSRPTv1; rua=mailto:<address>"));
  for (const name of duplicateTagNames(list.tags)) {
    findings.push(error(`TLS-RPT record has ${name}= more than once`, "RFC 8460 §3", `keep a single ${name}=`));
  }
  if (list.tags[0]?.name !== "v" || list.tags[0].value !== "TLSRPTv1") {
    findings.push(error("TLS-RPT record must start with v=TLSRPTv1", "RFC 8460 §3", "write v=TLSRPTv1 first"));
  }
  const rua = list.tags.find((t) => t.name === "rua")?.value;
  if (rua === undefined || rua === "") {
    findings.push(error("TLS-RPT record has no rua= destination", "RFC 8460 §3", "add rua=mailto:<address>"));
    return findings;
  }
  for (const uri of rua.split(",").map((u) => u.trim())) {
    const valid = /^mailto:[^@\s]+@[a-z0-9.-]+\.[a-z0-9-]+$/i.test(uri) || /^https:\/\/[a-z0-9.-]+(?::\d+)?(?:\/\S*)?$/i.test(uri);
    if (!valid) {
      findings.push(error(`TLS-RPT rua destination "${uri}" is not a mailto: or https: URI`, "RFC 8460 §3", "use rua=mailto:<address> or rua=https://<endpoint>"));
    }
  }
  return findings;
}
