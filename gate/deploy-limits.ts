/**
 * Values that pass preview and fail at `pulumi up`: a name the AWS API refuses (rules/aws-names.ts) and
 * rule refs a ruleset would repeat (rules/ruleset-refs.ts), refused at the key that produces them.
 */
import { siteModel } from "../model/site";
import {
  alertTopicName, appSecretsKeyAlias, appSecretsReadPolicyName, AWS_NAME_LIMITS, canaryAlarmNames, checkAwsName, loginCanaryAlarmName, uptimeAlarmNames,
} from "../rules/aws-names";
import { formatFinding } from "../rules/finding";
import { checkUniqueRefs } from "../rules/ruleset-refs";
import type { ConfigProblem } from "../config/problem";
import { member } from "../config/errors";
import { uptimeChecks } from "../model/uptime-checks";
import type { StackConfig } from "../config/schema";
import { appVariables, secretsPrefix } from "../config/secrets";
import { apiCanaries } from "../config/canaries";

export function checkDeployLimits(config: StackConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const add = (path: string, findings: { message: string; ref?: string; fix?: string }[]) => findings.forEach((f) => out.push({ path: [path], message: formatFinding(f) }));

  config.zones.forEach((zone, i) => {
    const site = siteModel(zone, i, config.app);
    for (const { index, finding } of checkUniqueRefs(site.rateLimits.map((r) => r.ref))) add(`${site.rateLimits[index].configPath}.name`, [finding]);
    // Redirects: a legacy path listed twice is refused by checkRedirectMap (gate/checks.ts), which names both.
  });

  const checkPath = (check: string) => (check in config.monitoring.checks ? `monitoring.checks${member(check)}` : "monitoring.checks");
  const checks = uptimeChecks(config);
  for (const check of checks) {
    for (const name of uptimeAlarmNames(config.environment, check.name)) add(checkPath(check.name), checkAwsName(name, AWS_NAME_LIMITS.alarm, "shorten the check's name"));
  }
  // A check with a latency alarm also gets an API canary, whose alarm names are longer than the uptime ones.
  for (const canary of apiCanaries(config.environment, checks)) {
    add(checkPath(canary.check), checkAwsName(canary.name, AWS_NAME_LIMITS.canary, "use a lower-case check name"));
    for (const name of canaryAlarmNames(config.environment, canary.check)) add(checkPath(canary.check), checkAwsName(name, AWS_NAME_LIMITS.alarm, "shorten the check's name"));
  }
  add("environment", checkAwsName(loginCanaryAlarmName(config.environment), AWS_NAME_LIMITS.alarm, "use a shorter environment name"));
  add("environment", checkAwsName(alertTopicName(config.environment), AWS_NAME_LIMITS.snsTopic, "use an environment name of letters, digits and hyphens"));

  const prefix = secretsPrefix(config.secrets, config.environment);
  add("secrets.prefix", checkAwsName(appSecretsKeyAlias(prefix), AWS_NAME_LIMITS.kmsAlias, "shorten secrets.prefix, and do not start it with aws/"));
  add("secrets.prefix", checkAwsName(appSecretsReadPolicyName(prefix), AWS_NAME_LIMITS.iamPolicy, "shorten secrets.prefix"));
  const limit = config.secrets.store === "secretsManager" ? AWS_NAME_LIMITS.secret : AWS_NAME_LIMITS.ssmParameter;
  for (const v of appVariables(config.secrets, config.environment)) {
    if (v.kind !== "plain") add(`secrets.env.${v.name}`, checkAwsName(v.storeName, limit, "shorten the variable's name or secrets.prefix, with fewer levels and no aws or ssm at its start"));
  }
  // One line per key and message: the same limit broken by two derived names (down and slow alarms) is said once.
  return [...new Map(out.map((p) => [`${p.path[0]}\n${p.message}`, p])).values()];
}
