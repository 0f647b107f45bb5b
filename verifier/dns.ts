/**
 * DNS lookups through one resolver (the system's, or `--resolver address:port`): Node's c-ares Resolver,
 * which honours a custom port and falls back to TCP for truncated answers. A name with no data and a name
 * that does not exist both read as "no records"; SERVFAIL, refusal and timeouts throw a ProbeFault naming
 * the query, so the check's row says exactly which lookup failed.
 */
import { Resolver } from "node:dns/promises";
import type { CaaEntry } from "../rules/caa";
import type { MxRecord } from "../rules/parked-domain";
import type { ConnectTarget } from "./connect";
import { faultReason, ProbeFault } from "./faults";

export interface DnsOptions {
  /** Ask this server instead of the system's resolvers. */
  server?: ConnectTarget;
  /** Per-try timeout in ms (c-ares retries once more before giving up). */
  timeoutMs: number;
}

const EMPTY = new Set(["ENODATA", "ENOTFOUND"]);

/** An IPv6 address in its canonical text (RFC 5952), as the WHATWG URL parser writes it, so `2001:0db8::7` equals `2001:db8::7`. */
export function canonicalIpv6(address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

function serverAddress(server: ConnectTarget): string {
  return server.host.includes(":") ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
}

export class DnsClient {
  private readonly resolver: Resolver;
  private readonly via: string;

  constructor(options: DnsOptions) {
    this.resolver = new Resolver({ timeout: options.timeoutMs, tries: 2 });
    if (options.server) this.resolver.setServers([serverAddress(options.server)]);
    this.via = options.server ? ` from ${serverAddress(options.server)}` : "";
  }

  private async query<T>(type: string, name: string, run: () => Promise<T[]>): Promise<T[]> {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code && EMPTY.has(code)) return [];
      throw new ProbeFault(`${type} ${name}: ${faultReason(error)}${this.via}`);
    }
  }

  /** A and AAAA answers together. */
  async addresses(name: string): Promise<string[]> {
    const [v4, v6] = await Promise.all([this.query("A", name, () => this.resolver.resolve4(name)), this.query("AAAA", name, () => this.resolver.resolve6(name))]);
    return [...v4, ...v6];
  }

  async cname(name: string): Promise<string | undefined> {
    return (await this.query("CNAME", name, () => this.resolver.resolveCname(name)))[0];
  }

  /**
   * Whether the name exists at all: NXDOMAIN (through any CNAME chain) is false; a name with records of
   * other types, or none, is true.
   */
  async exists(name: string): Promise<boolean> {
    try {
      await this.resolver.resolve4(name);
      return true;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ENOTFOUND") return false;
      if (code === "ENODATA") return true;
      throw new ProbeFault(`A ${name}: ${faultReason(error)}${this.via}`);
    }
  }

  /** TXT values, each record's character-strings joined (what SPF, DKIM and DMARC evaluate). */
  async txt(name: string): Promise<string[]> {
    return (await this.query("TXT", name, () => this.resolver.resolveTxt(name))).map((strings) => strings.join(""));
  }

  async mx(name: string): Promise<MxRecord[]> {
    return (await this.query("MX", name, () => this.resolver.resolveMx(name))).map((m) => ({ priority: m.priority, exchange: m.exchange }));
  }

  async ns(name: string): Promise<string[]> {
    return this.query("NS", name, () => this.resolver.resolveNs(name));
  }

  async caa(name: string): Promise<CaaEntry[]> {
    const records = await this.query("CAA", name, () => this.resolver.resolveCaa(name));
    return records.flatMap((r) =>
      (["issue", "issuewild", "iodef"] as const).flatMap((tag) => (r[tag] === undefined ? [] : [{ tag, value: r[tag]! }])),
    );
  }

  /**
   * The `type` records at `name` in the form model/records.ts compares extra records in (`ExtraRecord.value`,
   * MX as `<priority> <host>`); undefined for a type Node's resolver cannot query (HTTPS, SVCB, TLSA, SSHFP,
   * DS, DNSKEY, LOC, URI, CERT, SMIMEA, OPENPGPKEY).
   */
  async records(type: string, name: string): Promise<string[] | undefined> {
    const host = (h: string) => h.toLowerCase().replace(/\.$/, "") || ".";
    switch (type) {
      case "A": return this.query(type, name, () => this.resolver.resolve4(name));
      case "AAAA": return (await this.query(type, name, () => this.resolver.resolve6(name))).map(canonicalIpv6);
      case "CNAME": return (await this.query(type, name, () => this.resolver.resolveCname(name))).map(host);
      case "TXT": return this.txt(name);
      case "MX": return (await this.mx(name)).map((m) => `${m.priority} ${host(m.exchange)}`);
      case "NS": return (await this.ns(name)).map(host);
      case "PTR": return (await this.query(type, name, () => this.resolver.resolvePtr(name))).map(host);
      case "SRV": return (await this.query(type, name, () => this.resolver.resolveSrv(name))).map((r) => `${r.priority} ${r.weight} ${r.port} ${host(r.name)}`);
      case "CAA": return (await this.query(type, name, () => this.resolver.resolveCaa(name))).flatMap((r) => {
        // The record's one property tag; Node 22+ also sets `type: "CAA"` on each record, which is not a tag.
        const tag = Object.keys(r).find((k) => k !== "critical" && k !== "type") as Exclude<keyof typeof r, "critical"> | undefined;
        return tag ? [`${r.critical} ${tag} ${JSON.stringify(r[tag])}`] : [];
      });
      default: return undefined;
    }
  }

  /** Abandons every query in flight (the check timed out). */
  cancel(): void {
    this.resolver.cancel();
  }
}
