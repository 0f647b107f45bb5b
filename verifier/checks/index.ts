/** Every check the stack's expectations call for, in scorecard order. */
import type { Check } from "../check";
import type { Expectations } from "../expectations";
import { accessChecks } from "./access";
import { browserChecks } from "./browser";
import { burstChecks } from "./burst";
import { danglingChecks } from "./dangling";
import { dnsChecks } from "./dns";
import { emailChecks } from "./email";
import { exposureChecks } from "./exposure";
import { extraRecordChecks } from "./extra-records";
import { headerGradeChecks } from "./header-grade";
import { headerChecks } from "./headers";
import { latencyChecks } from "./latency";
import { redirectChecks } from "./redirects";
import { secretChecks } from "./secrets";
import { tlsChecks } from "./tls";

export function buildChecks(e: Expectations): Check[] {
  return [...dnsChecks(e), ...extraRecordChecks(e), ...danglingChecks(e), ...tlsChecks(e), ...redirectChecks(e), ...headerChecks(e), ...headerGradeChecks(e), ...emailChecks(e), ...accessChecks(e), ...latencyChecks(e), ...secretChecks(e), ...exposureChecks(e), ...browserChecks(e), ...burstChecks(e)];
}
