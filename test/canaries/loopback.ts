/**
 * A loopback HTTPS server for the canary scripts, with a certificate for example.com names from the
 * verifier's test PKI, and an agent that trusts it and resolves every name to 127.0.0.1: the scripts
 * request their real https URLs, with only the port added.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, Server } from "node:https";
import { Agent } from "node:https";
import type { AddressInfo } from "node:net";
import { createPki } from "../verifier/fixture/pki";

export type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

export interface Loopback {
  /** `https://<host>:<port><path>`. */
  url(host: string, path: string): string;
  agent: Agent;
  close(): Promise<void>;
}

export async function startLoopback(handler: Handler): Promise<Loopback> {
  const pki = createPki(["example.com"]);
  const server: Server = createServer({ key: pki.keyPem, cert: pki.certificateFor("valid", "example.com") }, (req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => handler(req, body, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const agent = new Agent({
    ca: pki.caPem,
    keepAlive: false,
    lookup: ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
      options.all ? callback(null, [{ address: "127.0.0.1", family: 4 }]) : callback(null, "127.0.0.1", 4)) as never,
  });
  return {
    url: (host, path) => `https://${host}:${port}${path}`,
    agent,
    close: () => new Promise<void>((resolve) => { agent.destroy(); server.close(() => resolve()); }),
  };
}
