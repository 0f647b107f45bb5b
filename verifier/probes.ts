/**
 * What a check may use to look at the live launch: DNS through the chosen resolver, HTTP(S) and TLS with
 * the `--connect` mapping and `--ca` trust, all tied to the check's own abort signal.
 */
import type { ProtocolProbe, TlsProtocol } from "../rules/certificate";
import type { BrowserPool } from "./browser";
import { RowMeter, RunBudget } from "./budget";
import type { ConnectMap, ConnectTarget } from "./connect";
import { DnsClient } from "./dns";
import { HttpOptions, HttpResponse, request, RequestInit } from "./http";
import { CertificateReport, inspectCertificate, probeVersion } from "./tls";
import type { TrustStore } from "./trust";

/**
 * The Accept of every shared page GET: what a browser sends for a page, and what the MDN HTTP Observatory
 * sends (mdn/mdn-http-observatory src/retriever/retriever.js line 9, commit 94042bb), so the grade's scan
 * and the other rows ask for a page the same way and can share its answer.
 */
export const PAGE_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

export interface NetworkOptions {
  /** `--resolver address:port`; the system's resolvers when absent. */
  resolver?: ConnectTarget;
  /** Trusted roots (system roots plus `--ca`), as contexts shared by every check. */
  trust: TrustStore;
  connect: ConnectMap;
  /** Per-try DNS timeout in ms. */
  dnsTimeoutMs: number;
  /** Headless Chromium for the browser rows; absent: those rows are skipped. */
  browser?: BrowserPool;
  /** The clock HTTP timings read (the latency rows); performance.now() when absent. */
  clock?: () => number;
}

export interface Probes {
  signal: AbortSignal;
  /** The row's part of the run's rate-limit budget: every counted request goes through it. */
  budget: RowMeter;
  dns: DnsClient;
  http: HttpOptions;
  /** One request; a counted one past the row's grant is not sent (it rejects with OverBudget). */
  fetch(url: string, init?: RequestInit): Promise<HttpResponse>;
  /**
   * A GET of a page (no redirect followed, a browser's Accept, body kept) whose answer every row shares:
   * sent once in the run, whichever row asks first (the redirect rows' final hop, the secrets scan's page,
   * the pages the header grade's scan follows).
   */
  fetchShared(url: string): Promise<HttpResponse>;
  certificate(host: string): Promise<CertificateReport>;
  tlsVersion(host: string, version: TlsProtocol): Promise<ProtocolProbe>;
  browser?: BrowserPool;
}

/** `budget`: the row's meter (no limit when absent: probes outside an audit). */
export function createProbes(network: NetworkOptions, signal: AbortSignal, budget: RowMeter = RunBudget.unlimited()): Probes {
  let dns: DnsClient | undefined;
  const transport = { connect: network.connect, trust: network.trust, signal, ...(network.clock ? { clock: network.clock } : {}) };
  return {
    signal,
    budget,
    // Built on first use: most checks never look anything up, and each resolver costs a c-ares channel.
    get dns() {
      if (!dns) {
        const client = new DnsClient({ server: network.resolver, timeoutMs: network.dnsTimeoutMs });
        signal.addEventListener("abort", () => client.cancel(), { once: true });
        dns = client;
      }
      return dns;
    },
    http: transport,
    fetch: async (url, init = {}) => {
      budget.take(url);
      return request(url, init, transport);
    },
    fetchShared: (url) => budget.shared(url, () => request(url, { headers: { accept: PAGE_ACCEPT } }, transport)),
    certificate: (host) => inspectCertificate(host, transport),
    tlsVersion: (host, version) => probeVersion(host, version, transport),
    browser: network.browser,
  };
}
