/**
 * A stand-in for the part of puppeteer's Page the login canary uses (goto, $, type, click,
 * waitForNavigation, url), over real HTTPS with a cookie jar: forms are parsed with node-html-parser
 * and submitted as a browser would (urlencoded POST to the form's action, redirects followed). The
 * runtime's Chromium is not installed here; this runs the script's own logic against a real server.
 */
import { request } from "node:https";
import type { Agent } from "node:https";
import { HTMLElement, parse } from "node-html-parser";

interface Fetched { status: number; url: string; body: string }

export class FormPage {
  private html = "";
  private current = "about:blank";
  private readonly cookies = new Map<string, string>();
  private readonly typed = new Map<string, string>();
  private navigated?: () => void;
  /** Every request body sent, to prove what left the "browser". */
  public readonly sentBodies: string[] = [];

  constructor(private readonly agent: Agent) {}

  private fetch(url: string, method = "GET", body?: string, hops = 0): Promise<Fetched> {
    return new Promise((resolve, reject) => {
      const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
      const headers: Record<string, string> = { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { "content-type": "application/x-www-form-urlencoded" } : {}) };
      if (body !== undefined) this.sentBodies.push(body);
      const req = request(url, { method, agent: this.agent, headers }, (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString("utf8")));
        res.on("end", () => {
          for (const set of res.headers["set-cookie"] ?? []) {
            const [pair] = set.split(";");
            const at = pair.indexOf("=");
            this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
          }
          const location = res.headers.location;
          if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && location && hops < 5) {
            resolve(this.fetch(new URL(location, url).toString(), "GET", undefined, hops + 1));
          } else resolve({ status: res.statusCode ?? 0, url, body: text });
        });
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  private root(): HTMLElement {
    return parse(this.html);
  }

  private load(page: Fetched): void {
    this.html = page.body;
    this.current = page.url;
    this.typed.clear();
  }

  async goto(url: string): Promise<{ status(): number }> {
    const page = await this.fetch(url);
    this.load(page);
    return { status: () => page.status };
  }

  async $(selector: string): Promise<HTMLElement | null> {
    return this.root().querySelector(selector);
  }

  async type(selector: string, text: string): Promise<void> {
    if (!this.root().querySelector(selector)) throw new Error(`No element found for selector: ${selector}`);
    this.typed.set(selector, (this.typed.get(selector) ?? "") + text);
  }

  async waitForNavigation(): Promise<void> {
    await new Promise<void>((resolve) => (this.navigated = resolve));
  }

  async click(selector: string): Promise<void> {
    const root = this.root();
    const button = root.querySelector(selector);
    if (!button) throw new Error(`No element found for selector: ${selector}`);
    let form: HTMLElement | null = button;
    while (form && form.tagName !== "FORM") form = form.parentNode;
    if (!form) throw new Error(`${selector} is not inside a form`);
    const fields = new URLSearchParams();
    for (const input of form.querySelectorAll("input")) {
      const name = input.getAttribute("name");
      if (!name) continue;
      const typedSelector = [...this.typed.keys()].find((s) => root.querySelector(s) === input);
      fields.append(name, typedSelector ? this.typed.get(typedSelector)! : input.getAttribute("value") ?? "");
    }
    const action = new URL(form.getAttribute("action") ?? this.current, this.current).toString();
    this.load(await this.fetch(action, (form.getAttribute("method") ?? "GET").toUpperCase(), fields.toString()));
    this.navigated?.();
  }

  url(): string {
    return this.current;
  }
}
