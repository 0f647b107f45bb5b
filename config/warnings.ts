/**
 * Non-fatal findings on a valid config, one line each in the same `launch-stack:<key path>: ...` form as
 * errors. The program logs them with pulumi.log.warn (so `pulumi preview` and `up` show them) and the
 * plan CLI can print them; they never block a deploy.
 */
import { emailWarnings } from "./email-checks";
import { keyPath } from "./errors";
import type { StackConfig } from "./schema";

export function collectWarnings(config: StackConfig): string[] {
  return emailWarnings(config).map((w) => `${keyPath(w.path)}: ${w.message}`);
}
