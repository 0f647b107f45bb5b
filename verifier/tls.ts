/**
 * TLS handshakes against one hostname (SNI set, `--connect` applied): the certificate it presents, judged
 * against the trust list and the name, and which protocol versions it accepts when offered only one.
 * Node 20's OpenSSL refuses to offer TLS 1.0/1.1 at its default security level, so those probes lower it
 * (trust.ts); if this build still cannot offer them the result says so instead of "refused".
 */
import { checkServerIdentity, connect, PeerCertificate, TLSSocket } from "node:tls";
import type { CertificateFacts, ProtocolProbe, TlsProtocol } from "../rules/certificate";
import { connectTarget, ConnectMap } from "./connect";
import { faultReason, ProbeFault } from "./faults";
import type { TrustStore } from "./trust";

export interface TlsOptions {
  connect: ConnectMap;
  trust: TrustStore;
  signal: AbortSignal;
}

export interface CertificateReport extends CertificateFacts {
  subject: string;
  issuer: string;
  /** The version a normal handshake (this client's defaults) negotiated, e.g. TLSv1.3. */
  protocol: string | null;
}

const DAY_MS = 86_400_000;

/** Errors that mean the client never put this version on the wire. */
const CLIENT_CANNOT_OFFER = new Set(["ERR_SSL_NO_PROTOCOLS_AVAILABLE", "ERR_SSL_UNSUPPORTED_PROTOCOL_VERSION", "ERR_TLS_INVALID_PROTOCOL_VERSION"]);
/** Errors before the TCP connection exists: the host is unreachable, not refusing a version. */
const NETWORK = new Set(["ECONNREFUSED", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

function handshake(host: string, port: number, version: TlsProtocol | undefined, options: TlsOptions): Promise<TLSSocket> {
  const to = connectTarget(options.connect, host, port);
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) return reject(new ProbeFault("aborted"));
    const socket = connect({ host: to.host, port: to.port, servername: host, secureContext: options.trust.context(version), rejectUnauthorized: false });
    const abort = () => socket.destroy(new ProbeFault("aborted"));
    options.signal.addEventListener("abort", abort, { once: true });
    socket.once("secureConnect", () => {
      options.signal.removeEventListener("abort", abort);
      resolve(socket);
    });
    socket.once("error", (error) => {
      options.signal.removeEventListener("abort", abort);
      socket.destroy();
      reject(error);
    });
  });
}

function describeName(name: PeerCertificate["subject"] | undefined): string {
  const value = name?.CN ?? name?.O;
  return value === undefined ? "(no name)" : [value].flat().join(", ");
}

export async function inspectCertificate(host: string, options: TlsOptions, port = 443): Promise<CertificateReport> {
  let socket: TLSSocket;
  try {
    socket = await handshake(host, port, undefined, options);
  } catch (error) {
    throw new ProbeFault(`TLS handshake with ${host}: ${faultReason(error)}`);
  }
  try {
    const cert = socket.getPeerCertificate();
    if (!cert || Object.keys(cert).length === 0) throw new ProbeFault(`${host} presented no certificate`);
    const validTo = new Date(cert.valid_to);
    const nameError = checkServerIdentity(host, cert);
    const trustError = socket.authorizationError ? String((socket.authorizationError as Error & { code?: string }).code ?? socket.authorizationError) : undefined;
    return {
      trusted: socket.authorized,
      trustError,
      nameError: nameError?.message ?? (nameError ? String(nameError) : undefined),
      validTo,
      daysLeft: Math.floor((validTo.getTime() - Date.now()) / DAY_MS),
      subject: describeName(cert.subject),
      issuer: describeName(cert.issuer),
      protocol: socket.getProtocol(),
    };
  } finally {
    socket.destroy();
  }
}

/** Offers exactly one protocol version and reports whether the server completes the handshake with it. */
export async function probeVersion(host: string, version: TlsProtocol, options: TlsOptions, port = 443): Promise<ProtocolProbe> {
  try {
    const socket = await handshake(host, port, version, options);
    const negotiated = socket.getProtocol();
    socket.destroy();
    return negotiated === version ? { version, result: "accepted" } : { version, result: "refused", reason: `negotiated ${negotiated}` };
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (error instanceof ProbeFault || NETWORK.has(code)) throw new ProbeFault(`TLS handshake with ${host}: ${faultReason(error)}`);
    if (CLIENT_CANNOT_OFFER.has(code)) return { version, result: "client-cannot-offer", reason: faultReason(error) };
    return { version, result: "refused", reason: code || faultReason(error) };
  }
}
