/**
 * MTA-STS `mode: none` in production (launch bar: mail transport is not weakened silently). `none` tells
 * senders to drop a policy they cached, so mail to the domain can again be downgraded to plaintext or sent
 * to a forged MX. RFC 8461 defines it for one purpose, retiring MTA-STS (§8.3): publish `mode: none` with
 * a short max_age (one day) under a new id, wait until every previously served policy has expired, then
 * remove the `_mta-sts` record and the policy host. So production accepts `none` only in that shape, with
 * a warning naming the next step; `none` with a longer max_age is refused.
 */
import { Finding } from "./finding";
import { MTA_STS_ADVISED_MIN_AGE, MtaStsPolicy, parseMtaStsPolicy } from "./mta-sts";
import type { Environment } from "./tls";

const REF = "RFC 8461 §8.3";
const RETIREMENT = `to retire MTA-STS follow RFC 8461 §8.3: serve mode: none with max_age: ${MTA_STS_ADVISED_MIN_AGE} (a new id), wait until the previous max_age has passed, then remove mtaSts`;

/** The mode rule for one policy (text or parsed) in an environment. */
export function checkMtaStsMode(policy: string | MtaStsPolicy, environment: Environment): Finding[] {
  const parsed = typeof policy === "string" ? parseMtaStsPolicy(policy) : policy;
  if (environment !== "prod" || parsed.mode !== "none") return [];
  const maxAge = Number(parsed.maxAge);
  if (Number.isInteger(maxAge) && maxAge <= MTA_STS_ADVISED_MIN_AGE) {
    return [{ message: `MTA-STS mode none in production with max_age ${maxAge}: the domain is retiring MTA-STS`, ref: REF, fix: "remove mtaSts once the previous policy's max_age has passed, or go back to mode: testing or enforce", severity: "warning" }];
  }
  return [{
    message: `MTA-STS mode none in production tells senders to forget the policy, so mail to the domain can be downgraded to plaintext`,
    ref: REF,
    fix: `set mode: testing or enforce; ${RETIREMENT}`,
    severity: "error",
  }];
}
