/**
 * A domain that sends no mail (parked, legacy, redirect-only) is still spoofable unless it says so:
 * `v=spf1 -all`, the null MX `0 .` (RFC 7505) and DMARC `p=reject`.
 */
import { buildDmarc, checkDmarcRecordSet, isDmarcRecord, parseDmarc } from "./dmarc";
import { Finding } from "./finding";
import { buildSpf, checkSpfRecordSet, isSpfRecord, parseSpf } from "./spf";

export interface MxRecord {
  priority: number;
  /** "." (zone files, Cloudflare) or "" (node's dns.resolveMx) for the null MX. */
  exchange: string;
}

export interface NullMailRecords {
  /** TXT value at the domain. */
  spf: string;
  mx: MxRecord;
  /** TXT value at `_dmarc.<domain>`. */
  dmarc: string;
}

/** What a domain currently publishes, as record values. */
export interface PublishedMailRecords {
  /** Every TXT value at the domain (strings joined per record). */
  txt: readonly string[];
  mx: readonly MxRecord[];
  /** Every TXT value at `_dmarc.<domain>`. */
  dmarc: readonly string[];
}

export const NULL_MX: MxRecord = { priority: 0, exchange: "." };

function error(message: string, ref: string, fix: string): Finding {
  return { message, ref, fix, severity: "error" };
}

/** The records a non-sending domain publishes; `rua` adds aggregate reports so spoofing attempts are visible. */
export function nullMailRecords(options: { rua?: readonly string[] } = {}): NullMailRecords {
  return {
    spf: buildSpf({ all: "-all" }),
    mx: NULL_MX,
    dmarc: buildDmarc({ p: "reject", sp: "reject", np: "reject", adkim: "s", aspf: "s", rua: options.rua }),
  };
}

function isNullMx(mx: MxRecord): boolean {
  return mx.exchange === "." || mx.exchange === "";
}

/** What a non-sending domain is missing from the null-mail set, one finding per gap. */
export function checkParkedDomain(published: PublishedMailRecords): Finding[] {
  const findings: Finding[] = [];

  const spfSet = checkSpfRecordSet(published.txt);
  findings.push(...spfSet);
  const spf = published.txt.filter(isSpfRecord);
  if (spfSet.length === 0) {
    const terms = parseSpf(spf[0]).terms.map((t) => t.text.toLowerCase());
    if (terms.length !== 1 || terms[0] !== "-all") {
      findings.push(error(`a domain that sends no mail must publish exactly "v=spf1 -all"; it publishes "${spf[0]}"`, "RFC 7208 §5.1", 'replace the SPF record with "v=spf1 -all"'));
    }
  }

  const nullMx = published.mx.filter(isNullMx);
  const hosts = published.mx.filter((m) => !isNullMx(m)).map((m) => m.exchange.replace(/\.$/, ""));
  if (published.mx.length === 0) {
    findings.push(error("a domain that receives no mail must publish the null MX 0 .", "RFC 7505 §3", "add MX 0 . at the domain"));
  } else if (nullMx.length === 0) {
    findings.push(error(`a domain that receives no mail publishes MX hosts (${hosts.join(", ")}) instead of the null MX`, "RFC 7505 §3", "replace them with the single MX 0 ."));
  } else {
    if (hosts.length > 0) findings.push(error(`the null MX must be the only MX, but ${hosts.join(", ")} is also published`, "RFC 7505 §3", "remove the other MX records"));
    if (nullMx.some((m) => m.priority !== 0)) findings.push(error("the null MX must have preference 0", "RFC 7505 §3", "publish it as MX 0 ."));
  }

  const dmarcSet = checkDmarcRecordSet(published.dmarc);
  findings.push(...dmarcSet);
  if (dmarcSet.length === 0) {
    const record = parseDmarc(published.dmarc.find(isDmarcRecord)!);
    if (record.p?.toLowerCase() !== "reject") {
      findings.push(error(`a domain that sends no mail needs DMARC p=reject; it publishes p=${record.p ?? "(none given)"}`, "RFC 9989 §4.7", "set p=reject"));
    }
    for (const tag of ["sp", "np"] as const) {
      const value = record[tag];
      if (value !== undefined && value.toLowerCase() !== "reject") {
        findings.push(error(`a domain that sends no mail needs DMARC ${tag}=reject or no ${tag}; it publishes ${tag}=${value}`, "RFC 9989 §4.7", `set ${tag}=reject or remove ${tag}`));
      }
    }
    if (record.t?.toLowerCase() === "y") {
      findings.push(error("a domain that sends no mail publishes DMARC t=y, so RFC 9989 receivers apply quarantine instead of reject", "RFC 9989 §4.7", "remove t=y"));
    }
  }
  return findings;
}
