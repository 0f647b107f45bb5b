/** The no-plaintext proof's scanner: where, in any recorded value, log or document, a known secret appears. */

/** One place a secret was found in plaintext: where, and which needle (by index, never by value). */
export interface PlaintextHit {
  path: string;
  needle: number;
}

/**
 * Every place in `tree` (any JSON-like value, or a string such as a captured log) where one of the
 * needles appears in plaintext, in a string value or an object key. `sealed` marks nodes whose contents
 * are protected (the wire format's secret markers), which are skipped. Hits name the needle by index so
 * a failing test never prints the secret it found.
 */
export function findPlaintext(tree: unknown, needles: readonly (string | RegExp)[], sealed: (node: unknown) => boolean = () => false): PlaintextHit[] {
  const hits: PlaintextHit[] = [];
  const matches = (text: string, needle: string | RegExp) => (typeof needle === "string" ? needle.length > 0 && text.includes(needle) : needle.test(text));
  const scanText = (text: string, path: string) => needles.forEach((needle, i) => matches(text, needle) && hits.push({ path, needle: i }));
  const walk = (node: unknown, path: string): void => {
    if (sealed(node)) return;
    if (typeof node === "string") scanText(node, path);
    else if (Array.isArray(node)) node.forEach((e, i) => walk(e, `${path}[${i}]`));
    else if (typeof node === "object" && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        const at = path ? `${path}.${key}` : key;
        scanText(key, `${at} (key)`);
        walk(value, at);
      }
    }
  };
  walk(tree, "");
  return hits;
}
