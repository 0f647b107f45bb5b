/** One row of the scorecard: what is checked, what passing means, and the probe that decides it. */
import { Finding, formatFinding } from "../rules/finding";
import type { HostGrade } from "../rules/observatory/grade";
import type { Demand } from "../rules/request-budget";
import type { Probes } from "./probes";

export const AREAS = ["DNS", "TLS", "Redirects", "Headers", "Email", "Access", "Latency", "Secrets", "Exposure", "Browser", "RateLimits"] as const;
export type Area = (typeof AREAS)[number];

/** warn: only warnings were found; it does not fail the run. */
export type Status = "pass" | "warn" | "fail";

export interface Outcome {
  status: Status;
  detail: string;
  /** A header grade row's grade (checks/header-grade.ts), kept whole for `--json` and the handover. */
  grade?: HostGrade;
}

export interface Check {
  area: Area;
  /** What is checked, e.g. "TLS app.example.com". */
  name: string;
  /** The pass criteria in a phrase. */
  criteria: string;
  /**
   * HTTP requests it makes one after another, each waiting for the last (1 when absent). The runner starts
   * the longest chains first, so their waits overlap the handshakes of everything else. DNS lookups answer
   * too quickly to count.
   */
  sequentialRequests?: number;
  /**
   * Runs after every other check has settled, one such check at a time: what it does to the live edge (a
   * burst that gets this address blocked on the login route) must not change another row's result.
   */
  runsLast?: boolean;
  /**
   * The requests it will send that a rate-limit rule may count (rules/request-budget.ts plans them before any
   * row starts). A counted request it did not ask for is not sent, so list every URL known up front.
   */
  demands?: Demand[];
  /** Sends past the rate-limit budget on purpose (the burst); its requests are still recorded. */
  exemptFromBudget?: boolean;
  run(probes: Probes): Promise<Outcome>;
}

export interface Row {
  area: Area;
  check: string;
  criteria: string;
  status: Status;
  detail: string;
  grade?: HostGrade;
  durationMs: number;
}

/** Errors (findings without severity are errors) fail the row; warnings alone make it warn; none passes with `passDetail`. */
export function fromFindings(findings: readonly Finding[], passDetail: string): Outcome {
  if (findings.length === 0) return { status: "pass", detail: passDetail };
  const errors = findings.filter((f) => f.severity !== "warning");
  const ordered = [...errors, ...findings.filter((f) => f.severity === "warning")];
  return { status: errors.length > 0 ? "fail" : "warn", detail: ordered.map(formatFinding).join("\n") };
}
