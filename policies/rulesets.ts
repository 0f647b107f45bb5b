/**
 * Cloudflare rulesets: one entrypoint per zone and phase, canonical redirects that are permanent, keep the
 * query and reach a served hostname in one hop, and rule counts, periods, timeouts and expression fields
 * within the zone's plan (as its Site declares it), and custom WAF rules that do not repeat one another.
 * The checks are rules/redirects.ts, rules/cloudflare-plan.ts and rules/expression.ts, run over the rules
 * exactly as the provider receives them.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { checklistItem, LaunchPolicy } from "./checklist";
import {
  checkManagedRulesets, CloudflarePlan, checkMitigationTimeout, checkRateLimitExpression, checkRateLimitPeriod, checkRegex, checkRuleCount,
  MANAGED_RULESETS,
} from "../rules/cloudflare-plan";
import { checkRepeatedExpressions, fieldsOf, literalsOf, usesRegex } from "../rules/expression";
import { Finding } from "../rules/finding";
import { isHostname } from "../rules/hostnames";
import { checkRedirectMap, Redirect } from "../rules/redirects";
import { checkUniqueRefs } from "../rules/ruleset-refs";
import { reportFindings } from "./findings";
import { Ruleset } from "./resource-classes";
import { cannotTell, RulesetProps, RulesetRule, rulesOf, rulesetsOf, servedHostnames, zoneLabel, zoneViews } from "./zones";

export const oneEntrypointRulesetPerPhase: LaunchPolicy<StackValidationPolicy> = {
  name: "one-entrypoint-ruleset-per-phase",
  description: "A zone may have only one entrypoint ruleset per phase: Cloudflare rejects the second at apply, half-way through an update, so rules for one phase belong in one Ruleset.",
  severity: "high",
  framework: checklistItem("edge-protection"),
  remediationSteps: "Merge the rules of the duplicate rulesets into the one Ruleset launch-stack declares for that zone and phase.",
  url: "https://developers.cloudflare.com/ruleset-engine/about/phases/",
  validateStack: (args, report) => {
    for (const view of zoneViews(args.resources)) {
      const phases = [...new Set(view.rulesets.map((r) => String(r.props.phase)))];
      for (const phase of phases) {
        const rulesets = rulesetsOf(view, phase);
        if (rulesets.length > 1) {
          report(`${zoneLabel(view)}: ${rulesets.length} entrypoint rulesets for phase ${phase} (${rulesets.map((r) => r.name).join(", ")}); Cloudflare allows one per zone and phase, so merge their rules into one Ruleset`, rulesets[1].urn);
        }
      }
    }
  },
};

function isAbsoluteUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/]/i.test(text);
}

/**
 * The redirects one rule declares, in the shape rules/redirects.ts checks: one per hostname its expression
 * names (a legacy path also matches its host's aliases), the path it names, and the static target or the
 * base URL of a dynamic `concat("https://host", http.request.uri.path)` target. Cloudflare's default status is 301.
 */
function redirectsOf(rule: RulesetRule): Redirect[] {
  const fromValue = rule.actionParameters?.fromValue;
  const target = fromValue?.targetUrl;
  const to = target?.value ?? literalsOf(target?.expression ?? "").find(isAbsoluteUrl) ?? String(target?.expression ?? "");
  const literals = literalsOf(rule.expression);
  const hosts = literals.filter(isHostname);
  const path = literals.find((l) => l.startsWith("/"));
  return (hosts.length > 0 ? hosts : ["(any host)"]).map((host) => ({
    from: path ? { host, path } : { host },
    to,
    statusCode: fromValue?.statusCode ?? 301,
    preserveQueryString: fromValue?.preserveQueryString === true,
  }));
}

export const redirectsPermanentOneHop: LaunchPolicy<StackValidationPolicy> = {
  name: "redirects-permanent-one-hop",
  description: "Redirect rules must be permanent (301 or 308), keep the query string, target https, and land on a hostname the stack serves in one hop without loops: chains and loops lose logins and search ranking, temporary redirects are never learned.",
  severity: "medium",
  framework: checklistItem("redirects"),
  remediationSteps: "Point every alias and legacy path straight at the canonical https URL (launch-stack:zones[].legacyHosts, legacyPaths, redirectTo) with status 301 or 308 and the query string kept.",
  url: "https://developers.cloudflare.com/rules/url-forwarding/single-redirects/",
  validateStack: (args, report) => {
    const views = zoneViews(args.resources);
    const served = new Set(views.flatMap(servedHostnames));
    const redirects = views.flatMap((view) => rulesOf(view, "http_request_dynamic_redirect")
      .filter(({ rule }) => rule.action === "redirect")
      .flatMap(({ rule, ruleset }) => redirectsOf(rule).map((redirect) => ({ redirect, ruleset }))));
    for (const { index, finding } of checkRedirectMap(redirects.map((r) => r.redirect), served)) {
      reportFindings(report, [finding], { urn: redirects[index].ruleset.urn });
    }
  },
};

/** Every plan limit one entrypoint ruleset touches, from rules/cloudflare-plan.ts. */
function planFindings(phase: string, rules: readonly RulesetRule[], plan: CloudflarePlan): Finding[] {
  switch (phase) {
    case "http_ratelimit":
      return [
        ...checkRuleCount("rate-limiting rules", rules.length, plan),
        ...rules.flatMap((rule) => [
          ...(rule.ratelimit?.period !== undefined ? checkRateLimitPeriod(rule.ratelimit.period, plan) : []),
          ...(rule.ratelimit?.mitigationTimeout !== undefined ? checkMitigationTimeout(rule.ratelimit.mitigationTimeout, plan, rule.action) : []),
          ...checkRateLimitExpression(rule.expression, plan, fieldsOf, usesRegex),
        ]),
      ];
    case "http_request_firewall_custom":
      return [...checkRuleCount("WAF custom rules", rules.length, plan), ...rules.flatMap((rule) => checkRegex(rule.expression, plan, usesRegex))];
    case "http_request_dynamic_redirect":
      return checkRuleCount("single redirect rules", rules.length, plan);
    case "http_request_firewall_managed": {
      const paid: string[] = Object.values(MANAGED_RULESETS).map((m) => m.id);
      return checkManagedRulesets(rules.some((r) => r.action === "execute" && paid.includes(r.actionParameters?.id ?? "")), plan);
    }
    default:
      return [];
  }
}

export const rulesetPlanLimits: LaunchPolicy<StackValidationPolicy> = {
  name: "ruleset-plan-limits",
  description: "Rule counts, rate-limit periods, mitigation timeouts, expression fields, regular expressions and managed rulesets must be within the zone's Cloudflare plan: otherwise the update fails at apply, or the setting is silently dropped.",
  severity: "medium",
  framework: checklistItem("edge-protection"),
  remediationSteps: "Trim the rules, periods, timeouts or expression fields to what the zone's plan allows (rules/cloudflare-plan.ts lists them), or upgrade the zone and set launch-stack:zones[].plan.",
  url: "https://developers.cloudflare.com/waf/rate-limiting-rules/#availability",
  validateStack: (args, report) => {
    for (const view of zoneViews(args.resources).filter((v) => v.rulesets.length > 0)) {
      const plan = view.facts?.plan;
      if (plan === undefined) {
        report(cannotTell(view, "the zone's plan"), view.rulesets[0].urn);
        continue;
      }
      for (const ruleset of view.rulesets) {
        const props = ruleset.props as RulesetProps;
        reportFindings(report, planFindings(props.phase, props.rules ?? [], plan), { prefix: `${zoneLabel(view)} (${plan} plan)`, urn: ruleset.urn });
      }
    }
  },
};

export const customRulesDistinct: LaunchPolicy<StackValidationPolicy> = {
  name: "waf-custom-rules-distinct",
  description: "A zone's custom WAF rules must not repeat an expression: the repeat never changes the outcome, and launch-stack derives each rule's ref from its expression, so the two would clash.",
  severity: "low",
  framework: checklistItem("edge-protection"),
  remediationSteps: "Remove the repeated rule from launch-stack:zones[].edge.customRules, or merge the two into one expression.",
  url: "https://developers.cloudflare.com/waf/custom-rules/",
  validateStack: (args, report) => {
    for (const view of zoneViews(args.resources)) {
      const rules = rulesOf(view, "http_request_firewall_custom");
      for (const { index, finding } of checkRepeatedExpressions(rules.map(({ rule }) => String(rule.expression)))) {
        reportFindings(report, [finding], { prefix: `${zoneLabel(view)}: custom WAF rule ${index + 1}`, urn: rules[index].ruleset.urn });
      }
    }
  },
};

export const rulesetRefsUnique: LaunchPolicy<StackValidationPolicy> = {
  name: "ruleset-rule-refs-unique",
  description: "The rules of one ruleset must have distinct refs: the Rulesets API refuses a ruleset whose rules share a ref, so the update fails half-way at pulumi up.",
  severity: "high",
  framework: checklistItem("edge-protection"),
  remediationSteps: "Give each rate limit in launch-stack:zones[].edge.rateLimits its own name, and each legacy path its own from URL.",
  url: "https://developers.cloudflare.com/ruleset-engine/about/rules/",
  validateStack: (args, report) => {
    for (const r of args.resources.filter((r) => r.isType(Ruleset))) {
      const rules = (r.props as RulesetProps).rules ?? [];
      const refs = rules.map((rule, i) => (typeof rule.ref === "string" ? rule.ref : `(no ref ${i})`));
      for (const { index, finding } of checkUniqueRefs(refs)) reportFindings(report, [finding], { prefix: `${String(r.props.name ?? r.name)}: rule ${index + 1}`, urn: r.urn });
    }
  },
};

export const rulesetPolicies = [oneEntrypointRulesetPerPhase, redirectsPermanentOneHop, rulesetPlanLimits, customRulesDistinct, rulesetRefsUnique];
