/**
 * Headless Chromium for the browser rows: Debian's `chromium` driven by playwright-core through
 * `executablePath` (no browser download). One browser per run, launched as verify starts (`warm`), while
 * the network rows run, and shared; each check gets its own context (a fresh profile: nothing carried over
 * from another page's check), closed when the check ends. `--connect` becomes host-resolver rules so the browser reaches the same servers the probes do.
 * Requests a rate-limit rule counts (the page and its sub-requests, e.g. Next's `/login?_rsc=` prefetches)
 * go through the row's part of the run's budget (verifier/budget.ts): one past it is answered here with a
 * 429 and never reaches the edge; so is a redirect hop into a counted route (verifier/redirect-hops.ts).
 */
import { existsSync } from "node:fs";
import type { Browser, BrowserContext } from "playwright-core";
import { pathKey } from "../rules/paths";
import type { BudgetRule } from "../rules/request-budget";
import type { RowMeter } from "./budget";
import type { ConnectMap } from "./connect";
import { guardRedirectHops, RedirectGuard } from "./redirect-hops";
import { WITHHELD_BODY, WITHHELD_HEADER } from "./withheld-answer";

export type BrowserMode = "auto" | "required" | "off";

export interface BrowserOptions {
  mode: BrowserMode;
  /** Chromium's binary; Debian's by default. */
  executablePath?: string;
  connect: ConnectMap;
  /** Accept certificates the system does not trust (only with --ca, where the TLS rows judge them). */
  acceptTestCertificates: boolean;
  /** Abort every request to a host:port the connect map does not name (tests: nothing leaves loopback). */
  onlyMappedHosts?: boolean;
}

export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

export { WITHHELD_HEADER } from "./withheld-answer";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * Every URL a rule may count, and a few more: the rule's zone and below, a path starting with one of its
 * routes in any case, or any path with a percent-escape or doubled slash (which normalize to who knows
 * what). Only these reach the route handler, which decides exactly (rules/request-budget.ts); everything
 * else Chromium sends without a round trip to this process, which kept the browser rows' time (bench/).
 */
export function countedUrlPattern(rules: readonly BudgetRule[]): RegExp {
  const alternatives = rules.map((r) => `(?:[^/?#]*\\.)?${escapeRegExp(r.domain)}\\.?(?::\\d+)?(?:${r.paths.map((p) => escapeRegExp(pathKey(p))).join("|")}|[^?#]*(?:%|//|\\\\))`);
  return new RegExp(`^https?://(?:${alternatives.join("|")})`, "i");
}

/** Mobile profile: Playwright's Pixel 5 descriptor (393×851, DPR 2.75, touch, mobile UA). */
const MOBILE = "Pixel 5";

export class BrowserPool {
  private browser?: Promise<Browser>;

  constructor(private readonly options: BrowserOptions) {}

  get mode(): BrowserMode {
    return this.options.mode;
  }

  /** Why there is no browser, or undefined when one can be launched. */
  unavailable(): string | undefined {
    if (this.options.mode === "off") return "--browser off";
    const path = this.options.executablePath ?? DEFAULT_CHROMIUM;
    return existsSync(path) ? undefined : `${path} not found (apt-get install chromium)`;
  }

  private launch(): Promise<Browser> {
    this.browser ??= import("playwright-core").then(({ chromium }) => {
      const rules = [...this.options.connect.entries()].map(([from, to]) => `MAP ${from} ${to.host.includes(":") ? `[${to.host}]` : to.host}:${to.port}`);
      return chromium.launch({
        executablePath: this.options.executablePath ?? DEFAULT_CHROMIUM,
        args: [
          "--headless", "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu", "--no-first-run", "--disable-sync",
          // No GPU process to start: the GPU thread runs in the browser process (launch and first page about 10% sooner, bench/).
          "--in-process-gpu",
          ...(rules.length ? [`--host-resolver-rules=${rules.join(", ")}`] : []),
        ],
      });
    });
    return this.browser;
  }

  /** Starts Chromium now, if it can start, so it launches while other work runs; a failure surfaces in the rows. */
  warm(): void {
    if (this.unavailable() === undefined) this.launch().catch(() => undefined);
  }

  /** A fresh mobile context, closed when `signal` aborts; its counted requests go through `meter`. */
  async context(signal: AbortSignal, meter?: RowMeter): Promise<BrowserContext> {
    const { devices } = await import("playwright-core");
    const context = await (await this.launch()).newContext({ ...devices[MOBILE], ignoreHTTPSErrors: this.options.acceptTestCertificates, serviceWorkers: "block" });
    signal.addEventListener("abort", () => void context.close().catch(() => undefined), { once: true });
    if (this.options.onlyMappedHosts) {
      await context.route("**/*", (route) => {
        const u = new URL(route.request().url());
        const port = u.port || (u.protocol === "https:" ? "443" : "80");
        return this.options.connect.has(`${u.hostname}:${port}`) ? route.continue() : route.abort("blockedbyclient");
      });
    }
    // Registered last, so tried first; what it lets through falls back to the route above.
    if (meter && meter.rules.length > 0) {
      await context.route(countedUrlPattern(meter.rules), (route) => {
        const refused = meter.tryTake(route.request().url());
        if (!refused) return route.fallback();
        return route.fulfill({ status: 429, headers: { "content-type": "text/plain", [WITHHELD_HEADER]: `rule ${refused.name}` }, body: WITHHELD_BODY });
      });
    }
    return context;
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await (await browser).close().catch(() => undefined);
  }
}

export interface PageLoad {
  lcpMs?: number;
  /** http:// requests from the https page, and what Chromium blocked as mixed content. */
  insecure: string[];
  consoleErrors: string[];
  /** Script and source-map responses, with their bodies. */
  scripts: { url: string; body: string }[];
  /** Set-Cookie headers of every response the load got. */
  setCookies: string[];
}

/** A page is settled once no request has been in flight this long (lazy chunks start within a frame or two). */
const QUIET_MS = 150;
const SETTLE_MAX_MS = 3000;

/** How long after navigation a page with nothing painted is watched (past the 2.5 s budget, with room for a loaded machine). */
export const LCP_WAIT_MS = 4000;

/** The latest largest-contentful-paint entry's time, kept where the loader reads it after the load. */
const LCP_OBSERVER = `new PerformanceObserver((list) => { const e = list.getEntries(); window.__launchStackLcp = e[e.length - 1].startTime; }).observe({ type: "largest-contentful-paint", buffered: true });`;

/**
 * Loads `url` `loads` times, one after another, in one page of `context` (cookies cleared before each
 * load, the HTTP cache kept, as for a returning visitor), and collects what the rows judge for each load.
 * Each navigation is a new document with its own LCP; reusing the page saves starting a renderer process
 * per load, which cost more than the load itself on a busy 2-core machine (bench/).
 *
 * With a `meter`, a load starts only while the row's budget still covers every counted request the first
 * load asked for, so no load is cut short midway: fewer loads than asked may come back. A sub-request the
 * meter held back is not the page's error.
 */
export async function loadPage(context: BrowserContext, url: string, loads: number, timeoutMs: number, meter?: RowMeter): Promise<PageLoad[]> {
  const page = await context.newPage();
  // Runs in the page before its own scripts, on every navigation (text, not a function: this project
  // compiles without the DOM types).
  await page.addInitScript({ content: LCP_OBSERVER });
  // Redirect hops into a counted route go through the meter too, before Chromium follows them.
  const guard: RedirectGuard | undefined = meter && meter.rules.length > 0 ? await guardRedirectHops(context, page, meter) : undefined;
  let load: PageLoad = emptyLoad();
  let pending: Promise<void>[] = [];
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    // "Failed to load resource" for a sub-request the meter answered: the budget's doing, not the page's.
    if (meter?.withheld.includes(m.location().url) || guard?.answered(m.location().url)) return;
    // A request this verifier blocked (onlyMappedHosts) is not the page's error.
    if (m.text().includes("net::ERR_BLOCKED_BY_CLIENT")) return;
    if (/Mixed Content/i.test(m.text())) load.insecure.push(/'(http:[^']+)'/.exec(m.text())?.[1] ?? m.text());
    else load.consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => load.consoleErrors.push(e.message));
  let inflight = 0;
  let quietSince = performance.now();
  const settled = () => {
    inflight = Math.max(0, inflight - 1);
    if (inflight === 0) quietSince = performance.now();
  };
  page.on("request", (r) => {
    inflight++;
    if (r.url().startsWith("http:") && url.startsWith("https:")) load.insecure.push(r.url());
  });
  page.on("requestfinished", settled);
  page.on("requestfailed", settled);
  page.on("response", (r) => {
    const into = load;
    pending.push(
      (async () => {
        for (const h of await r.headersArray()) if (h.name.toLowerCase() === "set-cookie") into.setCookies.push(h.value);
        const type = r.request().resourceType();
        if ((type === "script" || /\.map(?:$|\?)/.test(r.url())) && r.status() < 300) into.scripts.push({ url: r.url(), body: await r.text() });
      })().catch(() => undefined),
    );
  });
  const out: PageLoad[] = [];
  let cost: Map<string, number> | undefined;
  try {
    for (let i = 0; i < loads; i++) {
      if (meter && cost && !meter.fits(cost)) break;
      const asked = meter?.askedSoFar();
      await context.clearCookies();
      load = emptyLoad();
      pending = [];
      const response = await page.goto(url, { waitUntil: "load", timeout: timeoutMs });
      // The page redirected into a counted route past the row's budget: the budget's 429 is no page to judge.
      if (response?.headers()[WITHHELD_HEADER] !== undefined) {
        const hop = guard?.withheld.find((w) => w.from === response.url());
        if (i === 0 && hop && meter) throw meter.overBudget(hop.rule, hop.to);
        break;
      }
      // Lazy chunks load after the load event: wait until no request has been in flight for QUIET_MS
      // (Playwright's networkidle waits a fixed 500 ms, which tripled a load's time on a fast site),
      // bounded by SETTLE_MAX_MS.
      const settleBy = performance.now() + SETTLE_MAX_MS;
      while (performance.now() < settleBy && (inflight > 0 || performance.now() - quietSince < QUIET_MS)) await new Promise((r) => setTimeout(r, 25));
      // Nothing painted yet: a page that renders late (a client-side app behind a slow API) gets until just
      // past the budget; what has not painted by then is over it whatever it paints later.
      load.lcpMs = (await page.evaluate("window.__launchStackLcp")) as number | undefined;
      if (load.lcpMs === undefined) {
        await page.waitForFunction("window.__launchStackLcp !== undefined || performance.now() > " + LCP_WAIT_MS, undefined, { timeout: LCP_WAIT_MS + 1000, polling: 100 }).catch(() => undefined);
        load.lcpMs = (await page.evaluate("window.__launchStackLcp")) as number | undefined;
      }
      await Promise.all(pending);
      load.insecure = [...new Set(load.insecure)];
      out.push(load);
      if (meter && asked && !cost) cost = new Map([...meter.askedSoFar()].map(([rule, n]) => [rule, n - (asked.get(rule) ?? 0)]));
    }
  } finally {
    await page.close().catch(() => undefined);
  }
  return out;
}

function emptyLoad(): PageLoad {
  return { insecure: [], consoleErrors: [], scripts: [], setCookies: [] };
}
