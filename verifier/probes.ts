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
   * A plain GET (no redirect followed, default headers, body kept) whose answer every row shares: sent once
   * in the run, whichever row asks first (the redirect rows' final hop, the secrets scan's page).
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
    fetchShared: (url) => budget.shared(url, () => request(url, {}, transport)),
    certificate: (host) => inspectCertificate(host, transport),
    tlsVersion: (host, version) => probeVersion(host, version, transport),
    browser: network.browser,
  };
}
