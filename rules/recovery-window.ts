/**
 * How long a deleted secret or KMS key stays recoverable (launch checklist: secrets). Production keeps
 * AWS's longest window, so a mistaken delete or replacement noticed weeks later is still undone; staging
 * may use AWS's shortest. 0 on a secret deletes it at once. The config gate checks the configured windows,
 * the policy pack the declared secrets and keys, with this one function.
 */
import { Finding } from "./finding";
import type { Environment } from "./tls";

/** Fewest days a deleted secret or key stays recoverable, per environment (AWS allows 7-30). */
export const MIN_RECOVERY_WINDOW_DAYS: Record<Environment, number> = { prod: 30, staging: 7 };

/** `setting` names the window in the message, e.g. `recoveryWindowInDays`. */
export function checkRecoveryWindow(setting: string, days: number, environment: Environment): Finding[] {
  const min = MIN_RECOVERY_WINDOW_DAYS[environment];
  return days >= min ? [] : [{
    message: `${setting} is ${days} days, under the ${min} days a deleted secret or key stays recoverable in ${environment}`,
    ref: "launch checklist: secrets",
    fix: `set ${setting} to ${min} or more${days === 0 ? " (0 deletes it at once)" : ""}`,
  }];
}
