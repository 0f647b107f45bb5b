/**
 * Parses a `Pulumi.<stack>.yaml` text for the offline commands: a YAML problem (a syntax error, a repeated
 * key, a custom tag such as `!vault`, an alias that contains itself) is a config error on one line naming
 * the file and line, never a crash on a circular value or a Node warning on stderr (the `yaml` package's
 * parseDocument records warnings instead of emitting them).
 */
import { Alias, LineCounter, Node, parseDocument, visit } from "yaml";
import { ConfigError } from "./errors";

export function parseStackYaml(text: string, file: string): Record<string, unknown> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) => `${file} line ${offset === undefined ? "?" : lineCounter.linePos(offset).line}`;
  const problems = [
    ...doc.errors.map((e) => `${at(e.pos[0])}: YAML ${e.code === "DUPLICATE_KEY" ? "repeats a key" : "is malformed"}: ${e.message.split("\n")[0]}; fix the YAML there`),
    ...doc.warnings.map((w) => `${at(w.pos[0])}: YAML ${w.code === "TAG_RESOLVE_FAILED" ? "uses a custom tag, which Pulumi stack files do not support" : w.message.split("\n")[0]}; write the value itself (secure: for a secret, set with pulumi config set --secret)`),
  ];
  // An alias inside the node it refers to is an infinite value: report it instead of building a cycle.
  visit(doc, {
    Alias(_key, node: Alias, path) {
      const target = node.resolve(doc);
      if (target && path.includes(target as unknown as Node)) problems.push(`${at(node.range?.[0])}: YAML alias *${node.source} refers to a node that contains it, so the value would be infinite; replace the alias with the value it stands for`);
    },
  });
  if (problems.length > 0) throw new ConfigError(problems);
  const value = doc.toJS({ maxAliasCount: 100 }) ?? {};
  return typeof value === "object" && value !== null ? value : {};
}
