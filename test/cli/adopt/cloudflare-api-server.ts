/**
 * A loopback server that answers the Cloudflare API v4 as documented (developers.cloudflare.com/api): every
 * body is `{ success, errors, messages, result }`, lists add `result_info { page, per_page, count,
 * total_count, total_pages }` and page by `page`/`per_page` (capped at the server's page size, as the API caps
 * `per_page`), a token without a permission gets 403 with error 10000 "Authentication error", an unknown
 * token 400 with 1000 "Invalid API Token", a zone without an entrypoint ruleset for a phase 404. Each token
 * carries the permissions it grants, by the names the dashboard's token form uses. The account's Worker
 * custom domains (filtered by `zone_id` and `hostname`) and scripts need the account's "Workers Scripts Read".
 */
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeZone {
  id: string;
  name: string;
  accountId: string;
  plan: string;
  records: Record<string, unknown>[];
  settings: Record<string, unknown>;
  /** Entrypoint rulesets by phase. */
  rulesets: Record<string, { id: string; name: string; rules: Record<string, unknown>[] }>;
  /** The account's Worker custom domains (in this zone) and script names. */
  workers?: { domains: { id: string; hostname: string; service: string }[]; scripts: string[] };
}

export const ALL_PERMISSIONS = ["Zone Read", "DNS Read", "Zone Settings Read", "Zone WAF Read", "Dynamic URL Redirects Read", "Cache Settings Read", "Zone Transform Rules Read", "Workers Scripts Read"];

const PHASE_PERMISSION: Record<string, string> = {
  http_request_firewall_custom: "Zone WAF Read",
  http_request_firewall_managed: "Zone WAF Read",
  http_ratelimit: "Zone WAF Read",
  http_request_dynamic_redirect: "Dynamic URL Redirects Read",
  http_request_cache_settings: "Cache Settings Read",
  http_response_headers_transform: "Zone Transform Rules Read",
};

export interface FakeApi {
  baseURL: string;
  /** Every request as `METHOD path?query`, in order. */
  requests: string[];
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ success: status < 400, errors: [], messages: [], result: null, ...body }));
}

const fail = (res: ServerResponse, status: number, code: number, message: string) => send(res, status, { errors: [{ code, message }] });

export async function startFakeCloudflare(zones: FakeZone[], tokens: Record<string, string[]>, pageSize = 20): Promise<FakeApi> {
  const requests: string[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const granted = token !== undefined ? tokens[token] : undefined;
    if (!granted) return fail(res, 400, 1000, "Invalid API Token");
    const needs = (permission: string) => {
      if (granted.includes(permission)) return true;
      fail(res, 403, 10000, "Authentication error");
      return false;
    };
    const path = url.pathname.replace(/^\/client\/v4/, "");
    const list = (items: unknown[]) => {
      const perPage = Math.min(Number(url.searchParams.get("per_page") ?? pageSize), pageSize);
      const page = Number(url.searchParams.get("page") ?? 1);
      const slice = items.slice((page - 1) * perPage, page * perPage);
      send(res, 200, { result: slice, result_info: { page, per_page: perPage, count: slice.length, total_count: items.length, total_pages: Math.max(1, Math.ceil(items.length / perPage)) } });
    };
    if (req.method !== "GET") return fail(res, 405, 10405, "Method not allowed: adopt only reads");
    if (path === "/zones") {
      if (!needs("Zone Read")) return;
      const name = url.searchParams.get("name");
      return list(zones.filter((z) => !name || z.name === name).map((z) => ({ id: z.id, name: z.name, status: "active", account: { id: z.accountId, name: "Coaching Co" }, plan: { id: "plan", name: z.plan } })));
    }
    const account = /^\/accounts\/([^/]+)\/workers\/(domains|scripts)$/.exec(path);
    if (account) {
      const owned = zones.filter((z) => z.accountId === account[1]);
      if (owned.length === 0) return fail(res, 404, 10000, "account not found");
      if (!needs("Workers Scripts Read")) return;
      if (account[2] === "scripts") return send(res, 200, { result: [...new Set(owned.flatMap((z) => z.workers?.scripts ?? []))].map((id) => ({ id, created_on: "2025-03-01T10:00:00Z", modified_on: "2025-03-01T10:00:00Z" })) });
      const zoneId = url.searchParams.get("zone_id");
      const hostname = url.searchParams.get("hostname");
      return send(res, 200, { result: owned.flatMap((z) => (z.workers?.domains ?? []).map((d) => ({ ...d, zone_id: z.id, zone_name: z.name, environment: "production", cert_id: "c0ffee" }))).filter((d) => (!zoneId || d.zone_id === zoneId) && (!hostname || d.hostname === hostname)) });
    }
    const m = /^\/zones\/([^/]+)(\/.*)$/.exec(path);
    const zone = m && zones.find((z) => z.id === m[1]);
    if (!m || !zone) return fail(res, 404, 7003, "Could not route to /zones, perhaps your object identifier is invalid?");
    const rest = m[2];
    if (rest === "/dns_records") return needs("DNS Read") && list(zone.records);
    const setting = /^\/settings\/([a-z0-9_]+)$/.exec(rest);
    if (setting) {
      if (!needs("Zone Settings Read")) return;
      if (!(setting[1] in zone.settings)) return fail(res, 404, 1003, "Invalid or missing zone setting");
      return send(res, 200, { result: { id: setting[1], value: zone.settings[setting[1]], editable: true, modified_on: "2026-11-30T10:00:00Z" } });
    }
    const phase = /^\/rulesets\/phases\/([a-z_0-9]+)\/entrypoint$/.exec(rest);
    if (phase) {
      if (!needs(PHASE_PERMISSION[phase[1]] ?? "Zone WAF Read")) return;
      const ruleset = zone.rulesets[phase[1]];
      if (!ruleset) return fail(res, 404, 10003, `could not find entrypoint ruleset in the '${phase[1]}' phase`);
      return send(res, 200, { result: { ...ruleset, kind: "zone", phase: phase[1], version: "3", last_updated: "2026-11-30T10:00:00Z", rules: ruleset.rules.map((r, i) => ({ id: `rule${i}`, version: "1", last_updated: "2026-11-30T10:00:00Z", enabled: true, ...r })) } });
    }
    return fail(res, 404, 7000, "No route for that URI");
  };
  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/client/v4`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
