/**
 * What a page's HTML asks a browser to load and what it shows a reader, read with htmlparser2 (the
 * maintained, spec-tolerant parser behind cheerio) rather than regular expressions: scripts, module
 * preloads and script preloads (what Vite and Next emit), and the visible text.
 */
import { Parser } from "htmlparser2";

export interface PageFacts {
  /** Script URLs the page loads or preloads, resolved against the page URL, first seen first. */
  scripts: string[];
  /** The text a reader sees: no tags, scripts, styles or templates. */
  visibleText: string;
}

const HIDDEN = new Set(["script", "style", "template", "noscript", "head"]);

function resolveUrl(value: string | undefined, base: string): string | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  try {
    return new URL(value.trim(), base).toString();
  } catch {
    return undefined; // an unparsable URL loads nothing in a browser either
  }
}

export function readPage(html: string, pageUrl: string): PageFacts {
  const scripts: string[] = [];
  const text: string[] = [];
  let hiddenDepth = 0;
  let base = pageUrl;
  const add = (url: string | undefined) => {
    if (url !== undefined && !scripts.includes(url)) scripts.push(url);
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "base" && attrs.href) base = resolveUrl(attrs.href, pageUrl) ?? base;
        if (name === "script") add(resolveUrl(attrs.src, base));
        if (name === "link") {
          const rel = (attrs.rel ?? "").toLowerCase().split(/\s+/);
          if (rel.includes("modulepreload") || (rel.includes("preload") && (attrs.as ?? "").toLowerCase() === "script")) add(resolveUrl(attrs.href, base));
        }
        if (HIDDEN.has(name)) hiddenDepth++;
      },
      onclosetag(name) {
        if (HIDDEN.has(name) && hiddenDepth > 0) hiddenDepth--;
      },
      ontext(data) {
        if (hiddenDepth === 0) text.push(data);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return { scripts, visibleText: text.join(" ").replace(/\s+/g, " ").trim() };
}

/**
 * Module specifiers a fetched script loads later: `import("./chunk.js")` (lazy chunks) and static
 * `import … from "./x.js"` / `export … from`, resolved against the script's URL. Only string literals:
 * a computed specifier is what a bundler never emits for its own chunks.
 */
export function scriptImports(js: string, scriptUrl: string): string[] {
  const out = new Set<string>();
  const patterns = [/\bimport\s*\(\s*(["'`])([^"'`\s]+)\1\s*\)/g, /\b(?:import|export)\b[^;"'`()]*?\bfrom\s*(["'])([^"'\s]+)\1/g, /\bimport\s*(["'])([^"'\s]+)\1/g];
  for (const pattern of patterns) {
    for (const m of js.matchAll(pattern)) {
      const specifier = m[2];
      // Bare specifiers ("react") need an import map; bundles resolve them to files before shipping.
      if (!/^(?:\.{0,2}\/|https?:)/.test(specifier)) continue;
      const url = resolveUrl(specifier, scriptUrl);
      if (url) out.add(url);
    }
  }
  return [...out];
}

/** `//# sourceMappingURL=` of a script (the last one wins, as in browsers), resolved; data: URLs are inline. */
export function sourceMapUrl(js: string, scriptUrl: string, header?: string): string | undefined {
  const comment = [...js.matchAll(/\/\/[#@]\s*sourceMappingURL=(\S+)/g)].pop()?.[1];
  const value = header ?? comment;
  if (!value || value.startsWith("data:")) return undefined;
  return resolveUrl(value, scriptUrl);
}
