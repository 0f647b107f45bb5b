/**
 * Mermaid's own parser in Node. `mermaid.parse` sanitizes labels with DOMPurify, which needs a DOM: a jsdom
 * window is installed as the global one first (mermaid 11 is ESM-only and loads lazily, so the window must
 * exist before the import). Loaded once per process; the first load takes a few seconds.
 */
let loading: Promise<{ parse(text: string): Promise<unknown> }> | undefined;

// ts-node compiles to CommonJS, which would turn import() into require(); this keeps it a real import().
const esmImport = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<any>;

export function mermaidParser(): Promise<{ parse(text: string): Promise<unknown> }> {
  loading ??= (async () => {
    const { JSDOM } = await import("jsdom");
    const { window } = new JSDOM("<!doctype html><html><body></body></html>");
    Object.assign(globalThis, { window, document: window.document });
    const mermaid = (await esmImport("mermaid")).default;
    mermaid.initialize({ startOnLoad: false });
    return mermaid;
  })();
  return loading;
}

/** The text inside every ```mermaid fence of a markdown document. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]);
}
