/**
 * The `tag=value; tag=value` syntax DKIM (RFC 6376 §3.2), DMARC (RFC 9989 §4.7), MTA-STS (RFC 8461 §3.1)
 * and TLS-RPT (RFC 8460 §3) records share, parsed once so each protocol module only checks meaning.
 */

export interface Tag {
  /** Tag name as written (protocols differ on case sensitivity). */
  name: string;
  /** Value with surrounding whitespace removed. */
  value: string;
}

export interface TagList {
  tags: Tag[];
  /** Syntax problems, one short phrase each (an element without `=`, an empty tag name). */
  problems: string[];
}

/** Splits on `;`, tolerating whitespace around separators and one trailing `;`. */
export function parseTagList(text: string): TagList {
  const tags: Tag[] = [];
  const problems: string[] = [];
  const parts = text.split(";");
  parts.forEach((raw, index) => {
    const part = raw.trim();
    if (part === "") {
      if (index !== parts.length - 1) problems.push("an empty element between two ';'");
      return;
    }
    const eq = part.indexOf("=");
    if (eq <= 0) {
      problems.push(eq === 0 ? `"${part}" has no tag name` : `"${part}" is not tag=value`);
      return;
    }
    tags.push({ name: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() });
  });
  return { tags, problems };
}

/** Names that occur more than once, each reported once. */
export function duplicateTagNames(tags: readonly Tag[], normalize: (name: string) => string = (n) => n): string[] {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const t of tags) {
    const name = normalize(t.name);
    if (seen.has(name)) dupes.add(name);
    seen.add(name);
  }
  return [...dupes];
}
