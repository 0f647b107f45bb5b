/**
 * DKIM (RFC 6376, RFC 8301, RFC 8463): the key record at `<selector>._domainkey.<domain>`, either TXT
 * `v=DKIM1; k=...; p=...` or a CNAME to the provider's key. Key sizes are read from the key itself.
 */
import { createPublicKey } from "node:crypto";
import { Finding } from "./finding";
import { Tag, duplicateTagNames, parseTagList } from "./tag-list";

export type DkimKeyType = "rsa" | "ed25519";
export type DkimEnvironment = "prod" | "staging";

export interface DkimRecord {
  text: string;
  /** Tags in written order (names are case-sensitive, RFC 6376 §3.2). */
  tags: Tag[];
  /** k=, default "rsa". */
  keyType: string;
  /** p= with whitespace removed; "" means revoked; undefined means missing. */
  publicKey?: string;
  /** t= flags, e.g. ["y"]. */
  flags: string[];
  problems: Finding[];
}

export interface DkimCheckOptions {
  /** prod: t=y is an error; staging: a warning. */
  environment: DkimEnvironment;
  /** Whether mail is signed with this selector (default true); a revoked key is only an error then. */
  signing?: boolean;
}

/** RFC 8301 §3.2: verifiers must accept 1024-4096; signers must use at least 1024 and should use 2048. */
export const DKIM_RSA_MIN_BITS = 1024;
export const DKIM_RSA_LAUNCH_BITS = 2048;

function error(message: string, ref: string, fix: string): Finding {
  return { message, ref, fix, severity: "error" };
}

function warning(message: string, ref: string, fix: string): Finding {
  return { message, ref, fix, severity: "warning" };
}

/** Where a selector's key lives: `<selector>._domainkey.<domain>` (RFC 6376 §3.6.2.1). */
export function dkimRecordName(selector: string, domain: string): string {
  return `${selector}._domainkey.${domain}`;
}

export function parseDkim(text: string): DkimRecord {
  const list = parseTagList(text);
  const get = (name: string) => list.tags.find((t) => t.name === name)?.value;
  const p = get("p");
  return {
    text,
    tags: list.tags,
    keyType: (get("k") ?? "rsa").toLowerCase(),
    publicKey: p === undefined ? undefined : p.replace(/\s+/g, ""),
    flags: (get("t") ?? "").split(":").map((f) => f.trim()).filter((f) => f !== ""),
    problems: list.problems.map((p) => error(`DKIM record is malformed: ${p}`, "RFC 6376 §3.2", "write tags as tag=value separated by ;")),
  };
}

/**
 * RSA modulus length in bits of a base64 key: SubjectPublicKeyInfo (what DKIM publishes, RFC 6376 §3.6.1),
 * or a bare PKCS#1 RSAPublicKey, which some tools publish. Undefined when it is neither.
 */
export function rsaKeyBits(base64: string): number | undefined {
  const der = Buffer.from(base64, "base64");
  for (const type of ["spki", "pkcs1"] as const) {
    try {
      const key = createPublicKey({ key: der, format: "der", type });
      if (key.asymmetricKeyType === "rsa") return key.asymmetricKeyDetails?.modulusLength;
    } catch {
      // not this encoding; try the next
    }
  }
  return undefined;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Every rule for one DKIM key record's text. */
export function checkDkim(text: string, options: DkimCheckOptions): Finding[] {
  const record = parseDkim(text);
  const findings = [...record.problems];
  const { tags } = record;
  const signing = options.signing ?? true;
  const value = (name: string) => tags.find((t) => t.name === name)?.value;

  const vIndex = tags.findIndex((t) => t.name === "v");
  if (vIndex > 0) findings.push(error("DKIM v=DKIM1 must be the first tag", "RFC 6376 §3.6.1", "put v=DKIM1 first"));
  if (vIndex >= 0 && tags[vIndex].value !== "DKIM1") {
    findings.push(error(`DKIM version is "${tags[vIndex].value}"; it must be exactly DKIM1`, "RFC 6376 §3.6.1", "write v=DKIM1"));
  }
  for (const name of duplicateTagNames(tags)) {
    findings.push(error(`DKIM tag ${name}= appears more than once`, "RFC 6376 §3.2", `keep a single ${name}=`));
  }

  if (!["rsa", "ed25519"].includes(record.keyType)) {
    findings.push(error(`DKIM k=${value("k")} is not rsa or ed25519`, "RFC 6376 §3.6.1; RFC 8463 §4.2", "set k=rsa (or k=ed25519 alongside an RSA selector)"));
  }
  const hashes = value("h");
  if (hashes !== undefined && !hashes.split(":").map((h) => h.trim().toLowerCase()).includes("sha256")) {
    findings.push(error(`DKIM h=${hashes} does not allow sha256, the only hash verifiers accept`, "RFC 8301 §3.1", "remove h= or set h=sha256"));
  }
  const services = value("s");
  if (services !== undefined && !services.split(":").map((s) => s.trim()).some((s) => s === "*" || s === "email")) {
    findings.push(error(`DKIM s=${services} excludes email, so verifiers ignore the key`, "RFC 6376 §3.6.1", "remove s= or set s=email"));
  }
  if (record.flags.includes("y")) {
    findings.push(
      options.environment === "prod"
        ? error("DKIM t=y marks the domain as testing, so verifiers treat signed mail like unsigned mail", "RFC 6376 §3.6.1", "remove t=y before production")
        : warning("DKIM t=y marks the domain as testing; remove it before production", "RFC 6376 §3.6.1", "remove t=y once signatures verify"),
    );
  }

  const key = record.publicKey;
  if (key === undefined) {
    findings.push(error("DKIM record has no p= tag", "RFC 6376 §3.6.1", "publish the public key as p=<base64>"));
    return findings;
  }
  if (key === "") {
    if (signing) findings.push(error("DKIM p= is empty, which revokes the key, but mail is signed with this selector", "RFC 6376 §3.6.1", "publish the current public key, or stop signing with this selector"));
    return findings;
  }
  if (!BASE64.test(key)) {
    findings.push(error("DKIM p= is not valid base64", "RFC 6376 §3.6.1", "copy the public key again from the signing provider"));
    return findings;
  }
  if (record.keyType === "ed25519") {
    const bytes = Buffer.from(key, "base64").length;
    if (bytes !== 32) {
      findings.push(error(`DKIM ed25519 p= is ${bytes} bytes; it must be the raw 32-byte public key`, "RFC 8463 §4.2", "publish the raw key, not its SubjectPublicKeyInfo"));
    }
  } else if (record.keyType === "rsa") {
    const bits = rsaKeyBits(key);
    if (bits === undefined) {
      findings.push(error("DKIM p= is not an RSA public key", "RFC 6376 §3.6.1", "publish the RSA SubjectPublicKeyInfo in base64"));
    } else if (bits < DKIM_RSA_MIN_BITS) {
      findings.push(error(`DKIM RSA key is ${bits} bits; the minimum is ${DKIM_RSA_MIN_BITS}`, "RFC 8301 §3.2", `rotate to a ${DKIM_RSA_LAUNCH_BITS}-bit key`));
    } else if (bits < DKIM_RSA_LAUNCH_BITS) {
      findings.push(error(`DKIM RSA key is ${bits} bits; 2048 is the launch gate; 1024 is the RFC floor`, "RFC 8301 §3.2", `rotate to a ${DKIM_RSA_LAUNCH_BITS}-bit key`));
    }
  }
  return findings;
}

/** A selector is one or more DNS labels of letters, digits and hyphens (RFC 6376 §3.1). */
export function checkDkimSelector(selector: string): Finding[] {
  const at = selector.toLowerCase().indexOf("._domainkey");
  if (at > 0) return [error(`DKIM selector "${selector}" includes ._domainkey and what follows, which the stack adds`, "RFC 6376 §3.6.2.1", `set the part before it: "${selector.slice(0, at)}"`)];
  const labels = selector.split(".");
  const valid = selector.length <= 253 && labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(l));
  return valid ? [] : [error(`DKIM selector "${selector}" is not a valid selector`, "RFC 6376 §3.1", "use letters, digits and hyphens, e.g. s2026 or google")];
}

/**
 * A CNAME-delegated key's target must be a plain DNS name; underscore labels are allowed because provider
 * targets live under `_domainkey` (e.g. selector1-example-com._domainkey.example.onmicrosoft.com).
 */
export function checkDkimCnameTarget(target: string): Finding[] {
  const name = target.replace(/\.$/, "");
  const labels = name.split(".");
  const valid =
    name.length <= 253 &&
    labels.length >= 2 &&
    labels.every((l) => /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i.test(l)) &&
    /[a-z]/i.test(labels[labels.length - 1]);
  return valid
    ? []
    : [error(`DKIM CNAME target "${target}" is not a DNS hostname`, "RFC 1035 §2.3.4", "copy the target exactly from the provider's dashboard (a hostname, no scheme or spaces)")];
}
