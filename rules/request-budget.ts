/**
 * verify's share of the stack's own rate limits. A declared rate-limit rule counts, per client address,
 * every request to a host of its zone (the expression has no host filter) whose lower-cased, normalized
 * path starts with one of the rule's route paths (model/site.ts routesExpression), whichever row sends it
 * and whether or not a redirect rule answers it: nothing in Cloudflare's documentation says a Single
 * Redirect ends evaluation before the rate-limiting phase, so the count is conservative.
 *
 * A full run would otherwise send a dozen requests to prod's login route (5 per 60 s, then blocked for
 * 600 s) and turn its own later rows red with 429s. So verify plans its counted requests before it sends
 * any: each rule allows the run `limit - 1` requests, never fewer than one. The one left over is headroom
 * for a person at the same address (the engineer running verify from the office, signing in to check what
 * it reports): they can still load the login page without being blocked by the audit. Rows are served in
 * priority order, whatever order they happen to start in: first what only that request can prove (legacy
 * redirects, the secrets fetch, the first browser load of each page, CORS answers) as a whole or not at
 * all, then extra browser loads for the LCP p75, then latency samples, each as many as fit.
 */
import type { Finding } from "./finding";
import { isInZone } from "./hostnames";
import { prefixCovers } from "./paths";

export interface BudgetRule {
  /** zones[].edge.rateLimits[].name. */
  name: string;
  /** Its key path, e.g. zones[0].edge.rateLimits[0]: what identifies the rule (two zones may each have an `auth`). */
  configPath: string;
  /** The rule's zone: it counts requests to this domain and every hostname below it. */
  domain: string;
  /** The route paths its expression matches as prefixes. */
  paths: string[];
  requestsPerPeriod: number;
  /** Counting period, seconds. */
  period: number;
  /** How long the edge blocks an address once over, seconds. */
  mitigationTimeout: number;
}

/** Requests of each rule's limit verify leaves to people at the same address. */
export const HEADROOM = 1;

/** Requests one verify run may send that `rule` counts: its limit less the headroom, never below one. */
export function runAllowance(rule: Pick<BudgetRule, "requestsPerPeriod">): number {
  return Math.max(1, rule.requestsPerPeriod - HEADROOM);
}

/** Whether `rule` counts a request to `url`: an http(s) URL on its zone whose normalized path starts with one of its routes. */
export function countsUrl(rule: Pick<BudgetRule, "domain" | "paths">, url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return false;
  const host = u.hostname.toLowerCase().replace(/\.$/, "");
  return isInZone(host, rule.domain.toLowerCase()) && rule.paths.some((p) => prefixCovers(p, u.pathname));
}

/** The rules that count a request to `url`. */
export function rulesCounting(rules: readonly BudgetRule[], url: string): BudgetRule[] {
  return rules.filter((r) => countsUrl(r, url));
}

/**
 * What a row asks of the budget, in the order it is served: `proof` requests only that row can make (the
 * row runs only if all of them fit), then `extra-load` (more browser loads of a page) and `latency-sample`
 * requests, granted as many as fit, and last `if-redirected`: a counted page a row reaches only if the live
 * site redirects it there (a portal's root sending a logged-out visitor to its login page), planned from
 * what the rows that know they need a request leave, so a launch whose root does not redirect loses nothing.
 */
export const DEMAND_KINDS = ["proof", "extra-load", "latency-sample", "if-redirected"] as const;
/**
 * `sub-requests`: a page's own requests nobody can name before it runs (its API calls, prefetches, redirect
 * hops). Served last: what each rule's allowance has left once every named demand is planned is split
 * evenly among the rows that ask, in row order (the first rows take the odd ones), so a page's API calls
 * are sent while the rule has room and held back only past its allowance. `count` is not read.
 */
export type DemandKind = (typeof DEMAND_KINDS)[number] | "sub-requests";

export interface Demand {
  url: string;
  /** Requests to `url`. */
  count: number;
  kind: DemandKind;
  /**
   * One request any row may make the same way (a redirect's final hop, reached from several legacy URLs):
   * sent once per run and its answer shared, so it is granted once, to the first row that asks.
   */
  shared?: boolean;
}

export interface BudgetPlan {
  rows: RowPlan[];
  /** The shared requests granted, by URL: each is sent once in the run. */
  shared: string[];
}

export interface RowPlan {
  /** Requests the row may send under each rule it touches, by the rule's configPath. */
  grants: Record<string, number>;
  /** Requests granted per demand, in the row's demand order (a URL no rule counts is granted in full). */
  granted: number[];
  /** The row's share of what each rule had left after planning, by configPath, for its `sub-requests`. */
  pool: Record<string, number>;
  /** The rule whose allowance had no room left for the row's proof requests: the row does not run. */
  refusedBy?: BudgetRule;
}

/**
 * Plans a run's counted requests before any is sent: `rows` are each row's demands, in scorecard order
 * (after `--only`, so a row checked alone gets the whole allowance). Deterministic: the same rows and rules
 * always get the same grants, however the rows' requests interleave when they run.
 */
export function planBudget(rules: readonly BudgetRule[], rows: readonly (readonly Demand[])[]): BudgetPlan {
  const left = new Map(rules.map((r) => [r.configPath, runAllowance(r)]));
  const shared = new Set<string>();
  // A shared request already granted costs nothing more; counted with the row, it would be charged twice.
  const charged = (d: Demand) => (d.shared && shared.has(d.url) ? 0 : d.count);
  const plans: RowPlan[] = rows.map((demands) => ({ grants: {}, granted: demands.map(() => 0), pool: {} }));
  const grant = (plan: RowPlan, counting: readonly BudgetRule[], n: number) => {
    for (const r of counting) {
      left.set(r.configPath, left.get(r.configPath)! - n);
      plan.grants[r.configPath] = (plan.grants[r.configPath] ?? 0) + n;
    }
  };

  rows.forEach((demands, i) => {
    const proof = demands.map((d, j) => ({ d, j })).filter(({ d }) => d.kind === "proof");
    const need = new Map<string, number>();
    const fresh = proof.filter(({ d }, k) => !d.shared || proof.findIndex((o) => o.d.shared && o.d.url === d.url) === k);
    for (const { d } of fresh) for (const r of rulesCounting(rules, d.url)) need.set(r.configPath, (need.get(r.configPath) ?? 0) + charged(d));
    const short = rules.find((r) => (need.get(r.configPath) ?? 0) > left.get(r.configPath)!);
    if (short) {
      plans[i].refusedBy = short;
      return;
    }
    for (const { d, j } of proof) {
      if (d.shared) {
        if (!shared.has(d.url)) for (const r of rulesCounting(rules, d.url)) left.set(r.configPath, left.get(r.configPath)! - d.count);
        shared.add(d.url);
      } else grant(plans[i], rulesCounting(rules, d.url), d.count);
      plans[i].granted[j] = d.count;
    }
  });

  for (const kind of DEMAND_KINDS.filter((k) => k !== "proof")) {
    rows.forEach((demands, i) => {
      if (plans[i].refusedBy) return;
      demands.forEach((d, j) => {
        if (d.kind !== kind) return;
        const counting = rulesCounting(rules, d.url);
        const n = Math.max(0, Math.min(d.count, ...counting.map((r) => left.get(r.configPath)!)));
        if (d.shared) {
          // One answer for every row: granted whole or not at all, charged only to the first row that gets it.
          const fits = shared.has(d.url) || n === d.count;
          if (fits && !shared.has(d.url)) for (const r of counting) left.set(r.configPath, left.get(r.configPath)! - d.count);
          if (fits) shared.add(d.url);
          plans[i].granted[j] = fits ? d.count : 0;
          return;
        }
        grant(plans[i], counting, n);
        plans[i].granted[j] = n;
      });
    });
  }

  const pooled = rows.flatMap((demands, i) => (!plans[i].refusedBy && demands.some((d) => d.kind === "sub-requests") ? [i] : []));
  for (const r of rules) {
    const rest = Math.max(0, left.get(r.configPath)!);
    pooled.forEach((i, k) => {
      const n = Math.floor(rest / pooled.length) + (k < rest % pooled.length ? 1 : 0);
      if (n > 0) plans[i].pool[r.configPath] = n;
    });
  }
  return { rows: plans, shared: [...shared] };
}

/** "rule auth allows 5 per 60 s": how a row names the rule that reduced it. */
export function ruleAllows(rule: Pick<BudgetRule, "name" | "requestsPerPeriod" | "period">): string {
  return `rule ${rule.name} allows ${rule.requestsPerPeriod} per ${rule.period} s`;
}

const REF = "verify's rate-limit budget";

function share(rule: BudgetRule): string {
  const kept = runAllowance(rule);
  const left = rule.requestsPerPeriod - kept;
  return `${ruleAllows(rule)} (${rule.configPath}); verify keeps to ${kept} of them, leaving ${left === 0 ? "none" : left} for people at this address`;
}

function checkAlone(rule: BudgetRule, only: string): string {
  return `check it alone once the rule's period (${rule.period} s) has passed: npm run verify -- --stack <name> --only ${only}`;
}

/** A row whose proof requests did not fit: a warning, never a failure (the launch is not at fault). */
export function refusedFinding(rule: BudgetRule, only: string): Finding {
  return {
    message: `not checked: ${share(rule)}, and rows that prove more were planned to use them first`,
    ref: REF,
    fix: checkAlone(rule, only),
    severity: "warning",
  };
}

/** A request no plan covered (a redirect or script the row found as it ran) that would pass the row's grant: not sent. */
export function withheldFinding(rule: BudgetRule, url: string, only: string): Finding {
  return {
    message: `not checked: ${url} was not requested, as this row's part of the budget was spent (${share(rule)})`,
    ref: REF,
    fix: checkAlone(rule, only),
    severity: "warning",
  };
}

/** A row that got no sample at all under `rule`. */
export function unsampledFinding(rule: BudgetRule, url: string, only: string): Finding {
  return {
    message: `${url} not sampled: ${share(rule)}, all planned for rows that prove more`,
    ref: REF,
    fix: checkAlone(rule, only),
    severity: "warning",
  };
}
