/**
 * TLS client contexts, built once per run and shared by every connection. Passing `ca` to each connection
 * would parse the whole root store (plus `--ca`) per handshake and block the event loop for seconds.
 * Protocol bounds live in the context, so each single-version probe gets a context of its own.
 */
import { createSecureContext, SecureContext } from "node:tls";
import type { TlsProtocol } from "../rules/certificate";

export class TrustStore {
  private readonly contexts = new Map<string, SecureContext>();

  /** @param ca trusted roots in PEM (the system's plus `--ca`); Node's default roots when absent */
  constructor(private readonly ca?: readonly string[]) {}

  /** The context for a normal connection, or for one offering exactly `version`. */
  context(version?: TlsProtocol): SecureContext {
    const key = version ?? "any";
    let context = this.contexts.get(key);
    if (!context) {
      const legacy = version === "TLSv1" || version === "TLSv1.1";
      context = createSecureContext({
        ca: this.ca ? [...this.ca] : undefined,
        ...(version ? { minVersion: version, maxVersion: version } : {}),
        // OpenSSL 3 will not offer TLS 1.0/1.1 at its default security level.
        ...(legacy ? { ciphers: "DEFAULT@SECLEVEL=0" } : {}),
      });
      this.contexts.set(key, context);
    }
    return context;
  }
}
