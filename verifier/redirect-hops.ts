/**
 * Redirect hops under the row's budget. Playwright calls a route handler only for the first URL of a
 * redirect chain (playwright-core types.d.ts, `route`) and continues every later hop itself, unrouted
 * (server/chromium/crNetworkManager.js: a paused request with `redirectedFrom` is continued). So a page, or
 * one of its sub-requests, answered with a redirect into a counted route (an app root that sends visitors
 * to /login) would send that hop past the budget, and the edge's real 429 would reach the page.
 *
 * This guard pauses each of the page's responses at the Fetch domain's response stage, on a CDP session of
 * its own ("Redirect responses and subsequent requests are reported similarly to regular responses and
 * requests", Chrome DevTools Protocol, Fetch.requestPaused). A redirect to a URL a rule counts is charged
 * to the row's meter before Chromium follows it, or, past the row's part of the budget, answered with the
 * budget's own 429 instead, so the hop is never sent. Every hop Chromium does send (Playwright's `request`
 * event with `redirectedFrom()`) is checked against what the guard charged: one it did not see (a
 * cross-site frame or a worker, which have targets of their own) is still recorded, so the spent count the
 * burst reads stays exact.
 */
import type { BrowserContext, Page } from "playwright-core";
import type { BudgetRule } from "../rules/request-budget";
import type { RowMeter } from "./budget";
import { WITHHELD_BODY, WITHHELD_HEADER } from "./withheld-answer";

const REDIRECT = new Set([301, 302, 303, 307, 308]);

/** A redirect the budget answered instead of following it. */
export interface WithheldHop {
  /** The request whose answer was the redirect (it now has the budget's 429). */
  from: string;
  /** Where it pointed: the counted URL that was not requested. */
  to: string;
  rule: BudgetRule;
}

export class RedirectGuard {
  /** Redirects answered with the budget's 429, in order. */
  readonly withheld: WithheldHop[] = [];
  /** Hops charged to the meter and not yet seen leaving, by URL. */
  private readonly charged = new Map<string, number>();

  constructor(private readonly meter: RowMeter) {}

  /** Decides a paused redirect to `to`: true to follow it (charged), false when the budget holds it back. */
  decide(from: string, to: string): boolean {
    if (this.meter.counting(to).length === 0) return true;
    const refused = this.meter.tryTake(to);
    if (refused) {
      this.withheld.push({ from, to, rule: refused });
      return false;
    }
    this.charged.set(to, (this.charged.get(to) ?? 0) + 1);
    return true;
  }

  /** A hop Chromium sent: matched with its charge, or recorded as sent unmetered. */
  sent(url: string): void {
    if (this.meter.counting(url).length === 0) return;
    const n = this.charged.get(url) ?? 0;
    if (n > 0) this.charged.set(url, n - 1);
    else this.meter.sentUnmetered(url);
  }

  /** Whether the budget answered the request to `url` (a redirect it held back). */
  answered(url: string): boolean {
    return this.withheld.some((w) => w.from === url);
  }
}

/** Puts `page`'s redirect hops under `meter` (see the module comment); call before the page navigates. */
export async function guardRedirectHops(context: BrowserContext, page: Page, meter: RowMeter): Promise<RedirectGuard> {
  const guard = new RedirectGuard(meter);
  page.on("request", (r) => {
    if (r.redirectedFrom()) guard.sent(r.url());
  });
  const cdp = await context.newCDPSession(page);
  cdp.on("Fetch.requestPaused", (e) => {
    const location = e.responseHeaders?.find((h) => h.name.toLowerCase() === "location")?.value;
    const to = location !== undefined && REDIRECT.has(e.responseStatusCode ?? 0) ? safeUrl(location, e.request.url) : undefined;
    if (to === undefined || guard.decide(e.request.url, to)) {
      cdp.send("Fetch.continueRequest", { requestId: e.requestId }).catch(() => undefined);
      return;
    }
    const rule = guard.withheld[guard.withheld.length - 1].rule;
    cdp
      .send("Fetch.fulfillRequest", {
        requestId: e.requestId,
        responseCode: 429,
        responseHeaders: [{ name: "content-type", value: "text/plain" }, { name: WITHHELD_HEADER, value: `rule ${rule.name}` }],
        body: Buffer.from(WITHHELD_BODY).toString("base64"),
      })
      .catch(() => undefined);
  });
  await cdp.send("Fetch.enable", { patterns: [{ urlPattern: "*", requestStage: "Response" }] });
  return guard;
}

function safeUrl(location: string, base: string): string | undefined {
  try {
    return new URL(location, base).href;
  } catch {
    return undefined;
  }
}
