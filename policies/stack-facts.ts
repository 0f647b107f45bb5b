/**
 * What the pack knows about a stack beyond its resources' inputs: the facts the program's components
 * declare from the stack config. A Site (components/site.ts) declares its zone's domain, Cloudflare plan,
 * environment and the paths that must be rate limited and never cached (model/site.ts SiteFacts); the
 * LaunchStack declares the environment. They are config-derived literals, so known in every preview. The
 * engine hands stack policies each resource's outputs, so the components register them as outputs.
 *
 * Nothing here is configured per stack: the pack reads what the program was told, so the two cannot drift.
 * A fact nobody declares is never guessed where guessing could pass a weaker stack: a zone's plan and
 * paths are then a violation of their own (zones.ts), and the environment is judged production, the
 * strictest bar of every environment-specific rule.
 */
import type { PolicyResource } from "@pulumi/policy";
import type { SiteFacts } from "../model/site";
import { CloudflarePlan, PLANS } from "../rules/cloudflare-plan";
import type { DnsOnlyHost } from "../rules/dns-only";
import type { Environment } from "../rules/tls";
import { known } from "./known";

export const SITE_TYPE = "launch-stack:site:Site";
export const LAUNCH_STACK_TYPE = "launch-stack:index:LaunchStack";
const ENVIRONMENTS: readonly string[] = ["staging", "prod"] satisfies Environment[];
/** Where an unknown environment is judged: every environment-specific bar is strictest there. */
const STRICTEST: Environment = "prod";

/** The nearest Site component above `r`. */
export function siteAbove(r: PolicyResource): PolicyResource | undefined {
  for (let p = r.parent; p; p = p.parent) if (p.type === SITE_TYPE) return p;
  return undefined;
}

function text(read: () => unknown): string | undefined {
  const v = known(read);
  return typeof v === "string" ? v : undefined;
}

function paths(read: () => unknown): string[] | undefined {
  const v = known(read);
  return Array.isArray(v) && v.every((p) => typeof p === "string" && p.startsWith("/")) ? [...v] : undefined;
}

function hostRoles(read: () => unknown): DnsOnlyHost[] | undefined {
  const v = known(read);
  const valid = (h: unknown): h is DnsOnlyHost => {
    const o = h as Record<string, unknown>;
    return typeof h === "object" && h !== null && typeof o.name === "string" && typeof o.isAppHost === "boolean" && typeof o.authenticated === "boolean" && typeof o.redirects === "number";
  };
  return Array.isArray(v) && v.every(valid) ? v.map((h) => ({ name: h.name.toLowerCase(), isAppHost: h.isAppHost, authenticated: h.authenticated, redirects: h.redirects })) : undefined;
}

/** The facts a Site declares, when it declares every one with a known, valid value. */
export function factsOf(site: PolicyResource): SiteFacts | undefined {
  const p = site.props;
  const domain = text(() => p.domain);
  const plan = text(() => p.plan);
  const environment = environmentFact(site);
  const rateLimitedPaths = paths(() => p.rateLimitedPaths);
  const privatePaths = paths(() => p.privatePaths);
  const roles = hostRoles(() => p.hostRoles);
  if (!domain || !plan || !(PLANS as readonly string[]).includes(plan) || !environment || !rateLimitedPaths || !privatePaths || !roles) return undefined;
  return { domain: domain.toLowerCase(), plan: plan as CloudflarePlan, environment, rateLimitedPaths, privatePaths, hostRoles: roles };
}

/** The environment a Site or LaunchStack declares, if valid. */
function environmentFact(component: PolicyResource): Environment | undefined {
  const env = text(() => component.props.environment);
  return env !== undefined && ENVIRONMENTS.includes(env) ? (env as Environment) : undefined;
}

function declaresEnvironment(r: PolicyResource): boolean {
  return r.type === SITE_TYPE || r.type === LAUNCH_STACK_TYPE;
}

/**
 * The environment `r` is deployed for: the one declared by the nearest Site or LaunchStack above it;
 * production when the nearest declares none.
 */
export function environmentOf(r: PolicyResource): Environment {
  for (let p = r.parent; p; p = p.parent) if (declaresEnvironment(p)) return environmentFact(p) ?? STRICTEST;
  return STRICTEST;
}

/** The stack's environment, for stack-wide bars: its LaunchStack's; production unless every LaunchStack declares staging. */
export function stackEnvironment(resources: readonly PolicyResource[]): Environment {
  const declared = resources.filter((r) => r.type === LAUNCH_STACK_TYPE).map(environmentFact);
  return declared.length > 0 && declared.every((e) => e === "staging") ? "staging" : STRICTEST;
}
