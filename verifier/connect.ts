/**
 * `--connect name:port=address:port`, like curl's `--connect-to`: a request for `name:port` opens its TCP
 * connection to `address:port` instead, while the Host header, TLS SNI and certificate name check still
 * use `name`. It points the verifier at test or pre-cutover servers without touching system settings.
 */
import { isIP } from "node:net";

export interface ConnectTarget {
  host: string;
  port: number;
}

export type ConnectMap = ReadonlyMap<string, ConnectTarget>;

/** `host:port` or `[v6]:port`; the message names the option so a typo is one clear line. */
export function parseHostPort(text: string, what: string): ConnectTarget {
  const m = /^(?:\[([0-9a-f:.]+)\]|([^:\s\][]+)):(\d{1,5})$/i.exec(text);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port < 1 || port > 65535) throw new Error(`${what} "${text}" is not host:port (IPv6 in brackets: [::1]:8443)`);
  return { host: (m[1] ?? m[2]).toLowerCase(), port };
}

export function parseConnect(specs: readonly string[]): ConnectMap {
  const map = new Map<string, ConnectTarget>();
  for (const spec of specs) {
    const [from, to, extra] = spec.split("=");
    if (to === undefined || extra !== undefined) throw new Error(`--connect "${spec}" must be name:port=address:port`);
    const source = parseHostPort(from, "--connect");
    const target = parseHostPort(to, "--connect");
    if (isIP(source.host)) throw new Error(`--connect "${spec}" must start with a hostname, not an address`);
    map.set(`${source.host}:${source.port}`, target);
  }
  return map;
}

/** Where to open the connection for `host:port`: the mapped target, or the name itself. */
export function connectTarget(map: ConnectMap, host: string, port: number): ConnectTarget {
  return map.get(`${host.toLowerCase()}:${port}`) ?? { host, port };
}
