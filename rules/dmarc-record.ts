/**
 * Reading a DMARC Policy Record (RFC 9989 §4.7, formal syntax §4.8): the tag-list, with tag names matched
 * case-insensitively (ABNF literals are case-insensitive, RFC 5234 §2.3) and the version value `DMARC1`
 * matched exactly (§4.8 marks it %s, case-sensitive). Kept apart from the checks in dmarc.ts so the DNS Tree
 * Walk (dmarc-tree-walk.ts) can parse records without importing the checks that use the walk.
 */
import { Tag, parseTagList } from "./tag-list";

export interface DmarcUri {
  /** The URI as written, without a size limit. */
  uri: string;
  /** Obsolete `!<size>` suffix, e.g. "10m" (RFC 9989 §4.8 obs-dmarc-report-size; RFC 7489 §6.2 honoured it). */
  sizeLimit?: string;
  scheme: string;
  /** Lower-case domain of a mailto: address. */
  domain?: string;
}

export interface DmarcRecord {
  text: string;
  /** Tags in written order, names lower-cased. */
  tags: Tag[];
  p?: string;
  sp?: string;
  np?: string;
  t?: string;
  psd?: string;
  rua: DmarcUri[];
  ruf: DmarcUri[];
  /** tag-list syntax problems, one short phrase each. */
  syntax: string[];
}

/**
 * True when a TXT value is a DMARC Policy Record: a `v` tag (any case) first, with the value exactly `DMARC1`
 * (RFC 9989 §4.7 v, §4.8 dmarc-version). `V=DMARC1` is one; `v=dmarc1` is not.
 */
export function isDmarcRecord(text: string): boolean {
  return /^[vV][ \t]*=[ \t]*DMARC1[ \t]*(;|$)/.test(text);
}

function parseUris(value: string): DmarcUri[] {
  return value
    .split(",")
    .map((u) => u.trim())
    .filter((u) => u !== "")
    .map((raw) => {
      const m = /^(.*?)(?:!(\d+[kmgt]?))?$/i.exec(raw)!;
      const uri = m[1];
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1].toLowerCase() ?? "";
      const address = scheme === "mailto" ? /^mailto:([^?]*)/i.exec(uri)![1] : undefined;
      const at = address?.lastIndexOf("@") ?? -1;
      const domain = address && at > 0 ? address.slice(at + 1).toLowerCase() : undefined;
      return { uri, sizeLimit: m[2], scheme, domain };
    });
}

/** The first value of a tag (names compared lower-case), as written. */
export function dmarcTag(record: Pick<DmarcRecord, "tags">, name: string): string | undefined {
  return record.tags.find((t) => t.name === name)?.value;
}

export function parseDmarc(text: string): DmarcRecord {
  const list = parseTagList(text);
  const tags = list.tags.map((t) => ({ name: t.name.toLowerCase(), value: t.value }));
  const first = (name: string) => dmarcTag({ tags }, name);
  return {
    text,
    tags,
    p: first("p"),
    sp: first("sp"),
    np: first("np"),
    t: first("t"),
    psd: first("psd"),
    rua: parseUris(first("rua") ?? ""),
    ruf: parseUris(first("ruf") ?? ""),
    syntax: list.problems,
  };
}
