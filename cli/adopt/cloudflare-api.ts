/**
 * Reads a live zone from the Cloudflare API v4 through the official `cloudflare` SDK: the zone by name, every
 * DNS record with its id, the zone settings and the entrypoint rulesets the stack declares. Read-only (the
 * only writer of the zone stays @pulumi/cloudflare). Each failure is one line naming what to fix: a missing
 * or rejected token, a token that lacks a permission (by the name the dashboard's token form gives it), an
 * unknown zone, an unreachable API. The SDK retries 408/409/429/5xx and connection errors twice, honouring
 * Retry-After.
 */
import Cloudflare from "cloudflare";
import type { LiveRecord } from "../../model/live-zone";
import { UserError } from "../shared/user-error";
import { ApiRecord, liveRecordFromApi } from "./api-records";

/**
 * Token permissions, as "Create API token" names them (developers.cloudflare.com/fundamentals/api/reference/permissions/),
 * and the zone entrypoint phases each one reads: the Rulesets API accepts the phase's own product permission
 * ("Required API token permissions" on developers.cloudflare.com/ruleset-engine/basic-operations/add-rule-phase-rulesets/
 * lists Zone WAF, Dynamic URL Redirects, Cache Settings, Zone Transform Rules, Config Settings, ...; Read to read).
 */
export const PERMISSION = {
  zone: "Zone Read",
  dns: "DNS Read",
  settings: "Zone Settings Read",
} as const;

export const PHASE_PERMISSION: Record<string, string> = {
  http_request_firewall_custom: "Zone WAF Read",
  http_request_firewall_managed: "Zone WAF Read",
  http_ratelimit: "Zone WAF Read",
  http_request_dynamic_redirect: "Dynamic URL Redirects Read",
  http_request_cache_settings: "Cache Settings Read",
  http_response_headers_transform: "Zone Transform Rules Read",
  http_request_transform: "Zone Transform Rules Read",
  http_request_late_transform: "Zone Transform Rules Read",
  http_config_settings: "Config Settings Read",
};

/** `result_info` of a paginated list, as the API v4 documents it (the SDK's type declares only page and per_page). */
interface ResultInfo {
  page?: number;
  per_page?: number;
  count?: number;
  total_count?: number;
  total_pages?: number;
}

/** The page size asked for when listing records; the API may answer with fewer per page. */
export const RECORDS_PER_PAGE = 100;

export interface ApiZone {
  id: string;
  name: string;
  /** The zone's plan as the API names it (e.g. "Free Website"), when it says. */
  plan?: string;
  accountId?: string;
}

export interface LiveSetting {
  id: string;
  value: unknown;
}

export interface LiveRule {
  ref?: string;
  description?: string;
  action?: string;
  expression?: string;
}

export interface LiveRuleset {
  id: string;
  phase: string;
  name: string;
  rules: LiveRule[];
}

/** A Worker custom domain: the hostname Cloudflare routes to a Worker (`service`), with its own DNS record and certificate. */
export interface LiveWorkerDomain {
  id: string;
  hostname: string;
  service: string;
}

/** The Workers pieces of the zone's account adopt reads: the custom domains on one hostname and every script's name. */
export interface LiveWorkers {
  domains: LiveWorkerDomain[];
  scripts: string[];
}

/** What was read, or why it could not be (the report says what to check by hand instead). */
export type WorkersRead = LiveWorkers | { unread: string };

/** The account permission that reads Workers scripts and custom domains, as the token form names it. */
export const WORKERS_PERMISSION = "Workers Scripts Read";

export interface ReaderOptions {
  token: string | undefined;
  /** The API's base URL; the SDK's default (api.cloudflare.com/client/v4) when undefined. */
  baseURL?: string;
  /** One line per progress step (stderr). */
  progress(line: string): void;
}

/** What failed, for the message: the request's subject and the permission that grants it. */
interface Step {
  what: string;
  permission: string;
}

function apiMessages(error: InstanceType<typeof Cloudflare.APIError>): string {
  const messages = error.errors.map((e) => `${e.code ? `${e.code} ` : ""}${e.message}`).filter((m) => m.trim() !== "");
  return messages.length > 0 ? messages.join("; ") : `HTTP ${error.status}`;
}

/** One UserError line for a failed request, by the SDK's error class (status). */
export function explain(error: unknown, step: Step, baseURL: string): Error {
  if (error instanceof Cloudflare.APIConnectionTimeoutError) return new UserError(`the Cloudflare API at ${baseURL} did not answer in time while reading ${step.what}; check the network (or a proxy), then run adopt again`);
  if (error instanceof Cloudflare.APIConnectionError) return new UserError(`cannot reach the Cloudflare API at ${baseURL} while reading ${step.what} (${error.cause instanceof Error ? error.cause.message : error.message}); check the network (or CLOUDFLARE_BASE_URL), then run adopt again`);
  if (error instanceof Cloudflare.AuthenticationError || (error instanceof Cloudflare.BadRequestError && error.errors.some((e) => [1000, 6003, 6111, 9106, 9109].includes(Number(e.code))))) {
    return new UserError(`the Cloudflare API rejected CLOUDFLARE_API_TOKEN (${apiMessages(error)}): create a token under My Profile > API Tokens and export it`);
  }
  if (error instanceof Cloudflare.PermissionDeniedError) {
    return new UserError(`CLOUDFLARE_API_TOKEN lacks the "${step.permission}" permission needed to read ${step.what} (${apiMessages(error)}): edit the token under My Profile > API Tokens, add Zone > ${step.permission.replace(/ Read$/, "")} > Read for this zone, then run adopt again`);
  }
  if (error instanceof Cloudflare.RateLimitError) return new UserError(`the Cloudflare API kept answering 429 (rate limited) while reading ${step.what}; wait a few minutes, then run adopt again`);
  if (error instanceof Cloudflare.APIError) return new UserError(`the Cloudflare API answered ${error.status ?? "with an error"} while reading ${step.what} (${apiMessages(error)})`);
  return error instanceof Error ? error : new Error(String(error));
}

export class CloudflareZoneReader {
  private readonly client: Cloudflare;
  readonly baseURL: string;

  constructor(readonly options: ReaderOptions) {
    if (!options.token) throw new UserError("--zone reads the zone from the Cloudflare API: export CLOUDFLARE_API_TOKEN (a token with Zone Read, DNS Read, Zone Settings Read and the rules permissions; docs/import.md lists them), or pass --zone-file <export>");
    this.client = new Cloudflare({ apiToken: options.token, apiKey: null, apiEmail: null, userServiceKey: null, ...(options.baseURL ? { baseURL: options.baseURL } : {}) });
    this.baseURL = this.client.baseURL;
  }

  private async call<T>(step: Step, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw explain(error, step, this.baseURL);
    }
  }

  /** The zone by its exact name; an unknown zone (or one the token cannot see) is a UserError. */
  async zone(name: string): Promise<ApiZone> {
    const step = { what: `the zone ${name}`, permission: PERMISSION.zone };
    const unknown = new UserError(`no zone ${name} in the accounts CLOUDFLARE_API_TOKEN can read: check the spelling (the zone's apex, e.g. example.com), or give the token "${PERMISSION.zone}" on it`);
    let page;
    try {
      page = await this.client.zones.list({ name, per_page: 5 });
    } catch (error) {
      throw error instanceof Cloudflare.NotFoundError ? unknown : explain(error, step, this.baseURL);
    }
    const zone = page.result.find((z) => z.name.toLowerCase() === name.toLowerCase());
    if (!zone) throw unknown;
    return { id: zone.id, name: zone.name, ...(zone.plan?.name ? { plan: zone.plan.name } : {}), ...(zone.account?.id ? { accountId: zone.account.id } : {}) };
  }

  /** Every DNS record, page by page until `result_info.total_pages` is read, with progress on each page. */
  async records(zone: ApiZone): Promise<LiveRecord[]> {
    const step = { what: `the DNS records of ${zone.name}`, permission: PERMISSION.dns };
    const out: LiveRecord[] = [];
    let page = await this.call(step, () => this.client.dns.records.list({ zone_id: zone.id, per_page: RECORDS_PER_PAGE, page: 1 }));
    for (let n = 1; ; n++) {
      out.push(...page.result.map((r) => liveRecordFromApi(r as unknown as ApiRecord)));
      const info = page.result_info as ResultInfo;
      const total = info.total_count ?? out.length;
      this.options.progress(`reading ${zone.name}: ${out.length} of ${total} DNS records (page ${info.page ?? n}${info.total_pages ? ` of ${info.total_pages}` : ""})`);
      // The last page is the one numbered total_pages; without it, the first short page.
      const last = info.total_pages !== undefined ? (info.page ?? n) >= info.total_pages : page.result.length < (info.per_page ?? RECORDS_PER_PAGE);
      if (last || page.result.length === 0) break;
      const current = page;
      page = await this.call(step, () => current.getNextPage());
    }
    return out;
  }

  /** One zone setting's current value. */
  async setting(zone: ApiZone, id: string): Promise<LiveSetting> {
    const step = { what: `the ${id} setting of ${zone.name}`, permission: PERMISSION.settings };
    const setting = await this.call(step, () => this.client.zones.settings.get(id, { zone_id: zone.id }));
    return { id, value: (setting as { value?: unknown }).value };
  }

  /**
   * The Worker custom domains on `hostname` and the names of the account's Workers scripts. Only adopting a
   * zone whose stack serves MTA-STS from a Worker needs them, so a token without the account's Workers
   * permission is no error here: the report says what it could not read and what to check by hand.
   */
  async workers(zone: ApiZone, hostname: string): Promise<WorkersRead> {
    const accountId = zone.accountId;
    if (!accountId) return { unread: "the API did not say which account owns the zone" };
    const step = { what: `the Workers of the account that owns ${zone.name}`, permission: WORKERS_PERMISSION };
    try {
      const domains = await this.client.workers.domains.list({ account_id: accountId, zone_id: zone.id, hostname });
      const scripts = await this.client.workers.scripts.list({ account_id: accountId });
      return {
        domains: domains.result.filter((d) => d.hostname.toLowerCase() === hostname).map((d) => ({ id: d.id, hostname: d.hostname.toLowerCase(), service: d.service })),
        scripts: scripts.result.flatMap((s) => (s.id ? [s.id] : [])).sort(),
      };
    } catch (error) {
      if (error instanceof Cloudflare.PermissionDeniedError) return { unread: `CLOUDFLARE_API_TOKEN lacks the account permission "${WORKERS_PERMISSION}" (Account > Workers Scripts > Read)` };
      throw explain(error, step, this.baseURL);
    }
  }

  /** The zone's entrypoint ruleset of a phase, or undefined when the zone has none (404). */
  async entrypoint(zone: ApiZone, phase: string): Promise<LiveRuleset | undefined> {
    const step = { what: `the ${phase} rules of ${zone.name}`, permission: PHASE_PERMISSION[phase] ?? "Zone WAF Read" };
    try {
      const ruleset = await this.client.rulesets.phases.get(phase as Parameters<Cloudflare["rulesets"]["phases"]["get"]>[0], { zone_id: zone.id });
      return { id: ruleset.id, phase, name: ruleset.name, rules: (ruleset.rules ?? []).map((r) => ({ ...(r.ref ? { ref: r.ref } : {}), ...(r.description ? { description: r.description } : {}), ...(r.action ? { action: r.action } : {}), ...(r.expression ? { expression: r.expression } : {}) })) };
    } catch (error) {
      if (error instanceof Cloudflare.NotFoundError) return undefined;
      throw explain(error, step, this.baseURL);
    }
  }
}
