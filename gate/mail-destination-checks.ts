/**
 * The config side of rules/mail-destinations.ts: every address the stack sends reports or alerts to
 * (DMARC rua, TLS-RPT rua, alert emails, CAA iodef) must not be on a domain this same config declares as
 * receiving no mail (`sendsMail: false`, or no `email` at all, which publishes the null-mail set).
 */
import { emailModels } from "../model/email";
import { checkMailDestination } from "../rules/mail-destinations";
import { formatFinding } from "../rules/finding";
import type { ConfigProblem } from "../config/problem";
import type { StackConfig } from "../config/schema";

export function checkMailDestinations(config: StackConfig): ConfigProblem[] {
  const models = emailModels(config.zones);
  const nullMx = new Set(models.filter((m) => !m.sendsMail).map((m) => m.domain));
  if (nullMx.size === 0) return [];
  const out: ConfigProblem[] = [];
  const add = (path: string, address: string, what: string) => {
    for (const f of checkMailDestination(address, what, nullMx)) out.push({ path: [path], message: formatFinding(f) });
  };
  config.zones.forEach((zone, i) => {
    zone.email?.dmarc.rua.forEach((a, j) => add(`zones[${i}].email.dmarc.rua[${j}]`, a, "DMARC report address"));
    zone.email?.tlsRpt?.rua.forEach((a, j) => add(`zones[${i}].email.tlsRpt.rua[${j}]`, a, "TLS-RPT report address"));
    if (zone.caaIodef) add(`zones[${i}].caaIodef`, zone.caaIodef, "CAA iodef address");
  });
  config.monitoring.alerts.emails.forEach((a, j) => add(`monitoring.alerts.emails[${j}]`, a, "alert mailbox"));
  return out;
}
