/** How values and names read in people-facing output (tree, tables, markdown, handover). */

/** `cloudflare:index/dnsRecord:DnsRecord` → `cloudflare:index:DnsRecord`, as `pulumi preview` shows types. */
export function displayType(token: string): string {
  const [pkg, mod, member] = token.split(":");
  return member === undefined ? token : `${pkg}:${mod.split("/")[0]}:${member}`;
}

/** `type::name` of a URN, which is what a reviewer recognises. */
export function shortUrn(urn: string): string {
  const parts = urn.split("::");
  if (parts.length < 4) return urn;
  const type = parts[2].split("$").pop()!;
  return `${displayType(type)}::${parts.slice(3).join("::")}`;
}

/** One-line rendering of any input value: strings bare, everything else as compact JSON. */
export function inline(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "(none)";
  return JSON.stringify(value);
}

/** `270` → `4 min 30 s`. */
export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const min = Math.floor(seconds / 60);
  const s = seconds % 60;
  return s === 0 ? `${min} min` : `${min} min ${s} s`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
