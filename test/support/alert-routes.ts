/**
 * Stacks with every alert route: the shipped config edited, integration URLs as the secret key
 * `launch-stack:alertIntegrations`. The edit starts from the shipped email and Slack routes, without prod's
 * PagerDuty route and its secure URL, so each test declares exactly the on-call routes it is about.
 */
import type { RawConfig } from "../../gate/load";
import { editedConfig } from "./harness";

export const PAGERDUTY_URL = "https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue";
export const OPSGENIE_URL = "https://api.opsgenie.com/v1/json/cloudwatch?apiKey=6f86a81b-7497-4ba6-9a7e-8851fd07c651";

/** The shipped stack without on-call routes, with `edit` applied, and `integrations` set as the secret key `launch-stack:alertIntegrations`. */
export function withRoutes(stack: "staging" | "prod", edit: (c: Record<string, any>) => void, integrations?: Record<string, string>, secret = true): RawConfig {
  const raw = editedConfig(stack, (c) => {
    delete c.monitoring.alerts.pagerduty;
    delete c.monitoring.alerts.opsgenie;
    delete c.alertIntegrations;
    edit(c);
    if (integrations) c.alertIntegrations = integrations;
  });
  const secretKeys = [...raw.secretKeys].filter((k) => k !== "launch-stack:alertIntegrations");
  return { ...raw, secretKeys: new Set([...secretKeys, ...(integrations && secret ? ["launch-stack:alertIntegrations"] : [])]) };
}
