/**
 * What a check may use to look at the live launch: DNS through the chosen resolver, HTTP(S) and TLS with
 * the `--connect` mapping and `--ca` trust, all tied to the check's own abort signal.
 */
import type { ProtocolProbe, TlsProtocol } from "../rules/certificate";
import type { BrowserPool } from "./browser";
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
  dns: DnsClient;
  http: HttpOptions;
  fetch(url: string, init?: RequestInit): Promise<HttpResponse>;
  certificate(host: string): Promise<CertificateReport>;
  tlsVersion(host: string, version: TlsProtocol): Promise<ProtocolProbe>;
  browser?: BrowserPool;
}

export function createProbes(network: NetworkOptions, signal: AbortSignal): Probes {
  let dns: DnsClient | undefined;
  const transport = { connect: network.connect, trust: network.trust, signal, ...(network.clock ? { clock: network.clock } : {}) };
  return {
    signal,
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
    fetch: (url, init = {}) => request(url, init, transport),
    certificate: (host) => inspectCertificate(host, transport),
    tlsVersion: (host, version) => probeVersion(host, version, transport),
    browser: network.browser,
  };
}
