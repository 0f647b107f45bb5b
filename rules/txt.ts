/**
 * TXT record content in DNS presentation form. A value longer than one character-string must be split;
 * splitting it here, deterministically, means the DNS host never re-chunks it and previews never drift.
 */
import { Finding } from "./finding";

/** A character-string holds at most 255 octets (RFC 1035 §3.3). */
export const TXT_STRING_MAX = 255;

/**
 * The exact `content` a Cloudflare TXT record receives: the value cut into ≤255-octet strings (never inside
 * a UTF-8 sequence), each quoted with `"` and `\` escaped, joined by one space.
 */
export function quoteTxt(value: string): string {
  const chunks: string[] = [];
  let chunk = "";
  let octets = 0;
  for (const ch of value) {
    const size = Buffer.byteLength(ch, "utf8");
    if (octets + size > TXT_STRING_MAX) {
      chunks.push(chunk);
      chunk = "";
      octets = 0;
    }
    chunk += ch;
    octets += size;
  }
  chunks.push(chunk);
  return chunks.map((c) => `"${c.replace(/[\\"]/g, (m) => `\\${m}`)}"`).join(" ");
}

interface Tokenized {
  strings: string[];
  quoted: boolean;
  problems: string[];
}

/** Splits presentation-form content into its character-strings; `\X` and `\DDD` escapes per RFC 1035 §5.1. */
function tokenize(content: string): Tokenized {
  const text = content.trim();
  if (!text.startsWith('"')) return { strings: [content], quoted: false, problems: [] };
  const strings: string[] = [];
  const problems: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '"') {
      problems.push(`unexpected ${JSON.stringify(text[i])} at offset ${i} outside a quoted string`);
      break;
    }
    i++;
    // Runs of plain text are encoded whole; an escape ends the run (\DDD is one raw octet).
    const parts: Buffer[] = [];
    let run = "";
    let closed = false;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '"') {
        closed = true;
        i++;
        break;
      }
      if (ch !== "\\") {
        run += ch;
        i++;
        continue;
      }
      const digits = /^\d{3}/.exec(text.slice(i + 1, i + 4));
      if (digits) {
        parts.push(Buffer.from(run, "utf8"), Buffer.of(Number(digits[0]) & 0xff));
        run = "";
        i += 4;
      } else {
        // Its own part, so an escaped surrogate never pairs up with a plain one next to it.
        const next = String.fromCodePoint(text.codePointAt(i + 1) ?? 0x5c);
        parts.push(Buffer.from(run, "utf8"), Buffer.from(next, "utf8"));
        run = "";
        i += 1 + next.length;
      }
    }
    parts.push(Buffer.from(run, "utf8"));
    strings.push(Buffer.concat(parts).toString("utf8"));
    if (!closed) {
      problems.push("a quoted string is never closed");
      break;
    }
    const gap = /^\s*/.exec(text.slice(i))![0].length;
    if (gap === 0 && i < text.length) {
      problems.push(`quoted strings must be separated by whitespace (offset ${i})`);
      break;
    }
    i += gap;
  }
  return { strings, quoted: true, problems };
}

/** The character-strings of a TXT record's content, as the policy pack sees it; unquoted content is one string. */
export function unquoteTxt(content: string): string[] {
  return tokenize(content).strings;
}

/** The record's value: its character-strings concatenated, which is what SPF, DKIM and DMARC evaluate (RFC 7208 §3.3). */
export function txtValue(content: string): string {
  return unquoteTxt(content).join("");
}

/** Flags content the DNS host would re-chunk (a string over 255 octets, or no quoting) and malformed quoting. */
export function checkTxtStrings(content: string): Finding[] {
  const { strings, quoted, problems } = tokenize(content);
  const findings: Finding[] = problems.map((p) => ({
    message: `TXT content is malformed: ${p}`,
    ref: "RFC 1035 §5.1",
    fix: "build the content with quoteTxt(value)",
    severity: "error" as const,
  }));
  strings.forEach((s, index) => {
    const octets = Buffer.byteLength(s, "utf8");
    if (octets > TXT_STRING_MAX) {
      findings.push({
        message: `TXT string ${index + 1} is ${octets} bytes; one string holds at most ${TXT_STRING_MAX}`,
        ref: "RFC 7208 §3.3; RFC 1035 §3.3.14",
        fix: "split it into quoted strings of at most 255 characters with quoteTxt(value)",
        severity: "error",
      });
    }
  });
  if (!quoted) {
    findings.push({
      message: "TXT content is not quoted, so the DNS host chooses how to split it and previews drift",
      ref: "RFC 1035 §5.1",
      fix: "build the content with quoteTxt(value)",
      severity: "warning",
    });
  }
  return findings;
}
