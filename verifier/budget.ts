/**
 * The run's rate-limit budget where requests leave: the plan rules/request-budget.ts makes before any row
 * starts, and a meter per row that every counted request goes through, Node's (probes.fetch) and
 * Chromium's (the page and its sub-requests, verifier/browser.ts). A request past the row's grant is not
 * sent. Every counted request sent is recorded with the time it left, so the burst can tell what the run
 * already spent of a rule within its period.
 */
import { BudgetPlan, BudgetRule, Demand, planBudget, RowPlan, rulesCounting, withheldFinding } from "../rules/request-budget";
import type { Finding } from "../rules/finding";

/** A request the row's grant does not cover: the row becomes a warning that names the rule (verifier/run.ts). */
export class OverBudget extends Error {
  constructor(readonly finding: Finding) {
    super(finding.message);
  }
}

export class RunBudget {
  private readonly planned: BudgetPlan;
  /** Shared requests in flight or answered, by URL. */
  private readonly answers = new Map<string, Promise<unknown>>();
  /** Counted requests sent (when, and to which URL), by rule configPath. */
  private readonly sent = new Map<string, { at: number; url: string }[]>();

  /** `rows`: each row's demands, in scorecard order; `clock`: milliseconds, the clock the HTTP timings read. */
  constructor(readonly rules: readonly BudgetRule[], rows: readonly (readonly Demand[])[], private readonly clock: () => number = () => performance.now()) {
    this.planned = planBudget(rules, rows);
  }

  /** The plan of row `i`. */
  plan(i: number): RowPlan {
    return this.planned.rows[i];
  }

  /**
   * A shared request (Demand.shared): sent once in the run by whichever row asks first, its answer given to
   * every row that asks. A counted one the plan did not grant is not sent.
   */
  shared<T>(url: string, only: string, send: () => Promise<T>): Promise<T> {
    const known = this.answers.get(url);
    if (known) return known as Promise<T>;
    const counting = rulesCounting(this.rules, url);
    if (counting.length > 0 && !this.planned.shared.includes(url)) return Promise.reject(new OverBudget(withheldFinding(counting[0], url, only)));
    for (const r of counting) this.record(r, url);
    const answer = send();
    this.answers.set(url, answer);
    return answer;
  }

  /**
   * Row `i`'s meter. `only` is the row's area, for the fix of a withheld request. An exempt row (the burst,
   * which spends past the limit on purpose) sends whatever it asks, recorded all the same.
   */
  meter(i: number, only: string, exempt = false): RowMeter {
    const plan = this.planned.rows[i];
    // Its share of what the rules had left (RowPlan.pool) adds to what the row was granted by name.
    const grants = { ...plan?.grants };
    for (const [rule, n] of Object.entries(plan?.pool ?? {})) grants[rule] = (grants[rule] ?? 0) + n;
    return new RowMeter(this, grants, only, exempt);
  }

  /** A meter for probes outside any planned run: no rule, nothing counted. */
  static unlimited(): RowMeter {
    return new RunBudget([], []).meter(0, "", true);
  }

  record(rule: BudgetRule, url: string): void {
    const sent = this.sent.get(rule.configPath) ?? this.sent.set(rule.configPath, []).get(rule.configPath)!;
    sent.push({ at: this.clock(), url });
  }

  /** Requests `rule` counts that this run sent within its period, up to now; only those to a URL `which` accepts, when given. */
  spentWithinPeriod(rule: BudgetRule, which: (url: string) => boolean = () => true): number {
    const since = this.clock() - rule.period * 1000;
    return (this.sent.get(rule.configPath) ?? []).filter((s) => s.at > since && which(s.url)).length;
  }
}

/** One row's view of the budget: what it may still send under each rule, and what it asked for. */
export class RowMeter {
  private readonly left: Map<string, number>;
  private readonly asked = new Map<string, number>();
  /** Counted URLs this row did not send (Chromium sub-requests answered by the meter instead). */
  readonly withheld: string[] = [];
  /** Counted URLs Chromium sent without the meter deciding first (sentUnmetered). */
  readonly unmetered: string[] = [];

  constructor(private readonly run: RunBudget, grants: Record<string, number>, private readonly only: string, private readonly exempt: boolean) {
    this.left = new Map(Object.entries(grants));
  }

  get rules(): readonly BudgetRule[] {
    return this.run.rules;
  }

  /** The rules that count a request to `url`. */
  counting(url: string): BudgetRule[] {
    return rulesCounting(this.run.rules, url);
  }

  /** Requests to `url` the row may still send (Infinity when no rule counts it). */
  remaining(url: string): number {
    if (this.exempt) return Infinity;
    return Math.min(Infinity, ...this.counting(url).map((r) => this.left.get(r.configPath) ?? 0));
  }

  /** The rule counting `url` with the least left for this row (what a reduced row names), if any counts it. */
  tightest(url: string): BudgetRule | undefined {
    const left = (r: BudgetRule) => this.left.get(r.configPath) ?? 0;
    return this.counting(url).reduce<BudgetRule | undefined>((best, r) => (best === undefined || left(r) < left(best) ? r : best), undefined);
  }

  /** Of the rules the row has asked something of, the one with the least left (what cut a page that redirected into a counted route). */
  tightestAsked(): BudgetRule | undefined {
    const left = (r: BudgetRule) => this.left.get(r.configPath) ?? 0;
    return this.run.rules.filter((r) => this.asked.has(r.configPath)).reduce<BudgetRule | undefined>((best, r) => (best === undefined || left(r) < left(best) ? r : best), undefined);
  }

  /** The rule that would refuse a request to `url` now, or undefined when it may be sent. */
  refusing(url: string): BudgetRule | undefined {
    if (this.exempt) return undefined;
    return this.counting(url).find((r) => (this.left.get(r.configPath) ?? 0) < 1);
  }

  /** Spends one request to `url` if the grant allows it; returns the rule that refused it otherwise (nothing spent). */
  tryTake(url: string): BudgetRule | undefined {
    const counting = this.counting(url);
    for (const r of counting) this.asked.set(r.configPath, (this.asked.get(r.configPath) ?? 0) + 1);
    const refused = this.refusing(url);
    if (refused) {
      this.withheld.push(url);
      return refused;
    }
    for (const r of counting) {
      if (!this.exempt) this.left.set(r.configPath, this.left.get(r.configPath)! - 1);
      this.run.record(r, url);
    }
    return undefined;
  }

  /**
   * A counted request Chromium sent that no meter saw first (a redirect hop from a target the row's guard
   * does not pause, verifier/redirect-hops.ts): recorded and spent all the same, so the count stays exact.
   */
  sentUnmetered(url: string): void {
    this.unmetered.push(url);
    for (const r of this.counting(url)) {
      this.asked.set(r.configPath, (this.asked.get(r.configPath) ?? 0) + 1);
      if (!this.exempt) this.left.set(r.configPath, (this.left.get(r.configPath) ?? 0) - 1);
      this.run.record(r, url);
    }
  }

  /** A withheld request as the warning its row becomes (OverBudget). */
  overBudget(rule: BudgetRule, url: string): OverBudget {
    return new OverBudget(withheldFinding(rule, url, this.only));
  }

  /** Spends one request to `url`, or throws OverBudget naming the rule. */
  take(url: string): void {
    const refused = this.tryTake(url);
    if (refused) throw new OverBudget(withheldFinding(refused, url, this.only));
  }

  /** Counted requests asked for so far, sent or not, by rule configPath: what one page load costs (see `fits`). */
  askedSoFar(): Map<string, number> {
    return new Map(this.asked);
  }

  /** Whether the grant still covers `cost` (requests by rule configPath). */
  fits(cost: ReadonlyMap<string, number>): boolean {
    return this.exempt || [...cost].every(([rule, n]) => (this.left.get(rule) ?? 0) >= n);
  }

  spentWithinPeriod(rule: BudgetRule, which?: (url: string) => boolean): number {
    return this.run.spentWithinPeriod(rule, which);
  }

  /** A request every row makes the same way, sent once in the run (RunBudget.shared). */
  shared<T>(url: string, send: () => Promise<T>): Promise<T> {
    return this.run.shared(url, this.only, send);
  }
}
