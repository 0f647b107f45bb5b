/**
 * Dangling records (launch checklist: no dangling records). A CNAME whose target does not resolve hands
 * the name to whoever registers the target (subdomain takeover), and a CNAME to a SaaS that no longer
 * claims the name hands it to whoever claims it there. Fingerprints from EdOverflow/can-i-take-over-xyz
 * (fingerprints.json, entries marked vulnerable), matched on the page the service answers with.
 */
import { Finding } from "./finding";

const REF = "launch checklist: DNS and hostnames";

export function checkCnameTarget(name: string, target: string, resolves: boolean): Finding[] {
  if (resolves) return [];
  return [{
    message: `${name} is a CNAME to ${target}, which does not resolve (NXDOMAIN): whoever registers or claims ${target} serves ${name} (subdomain takeover)`,
    ref: REF,
    fix: `delete the CNAME at ${name}, or point it at a target you control`,
  }];
}

export interface SaasFingerprint {
  service: string;
  /** CNAME targets the service hands out. */
  suffixes: readonly string[];
  /** What the service answers for a name no account claims. */
  unclaimed: RegExp;
}

export const SAAS_FINGERPRINTS: readonly SaasFingerprint[] = [
  { service: "GitHub Pages", suffixes: ["github.io"], unclaimed: /There isn't a GitHub Pages site here\./ },
  { service: "Heroku", suffixes: ["herokuapp.com", "herokudns.com", "herokussl.com"], unclaimed: /No such app|herokucdn\.com\/error-pages\/no-such-app\.html/ },
  { service: "Amazon S3", suffixes: ["s3.amazonaws.com", "amazonaws.com"], unclaimed: /<Code>NoSuchBucket<\/Code>|The specified bucket does not exist/ },
  { service: "Shopify", suffixes: ["myshopify.com"], unclaimed: /Sorry, this shop is currently unavailable\./ },
  { service: "Fastly", suffixes: ["fastly.net"], unclaimed: /Fastly error: unknown domain/ },
  { service: "Ghost", suffixes: ["ghost.io"], unclaimed: /The thing you were looking for is no longer here, or never was|Site unavailable\.&#124;&#124;Failed to resolve DNS path for this host/ },
  { service: "Surge.sh", suffixes: ["surge.sh"], unclaimed: /project not found/ },
  { service: "Pantheon", suffixes: ["pantheonsite.io"], unclaimed: /The gods are wise, but do not know of the site which you seek\./ },
  { service: "Help Scout", suffixes: ["helpscoutdocs.com"], unclaimed: /No settings were found for this company:/ },
  { service: "Read the Docs", suffixes: ["readthedocs.io"], unclaimed: /is unknown to Read the Docs/ },
  { service: "Tumblr", suffixes: ["domains.tumblr.com"], unclaimed: /Whatever you were looking for doesn't live here\./ },
  { service: "Webflow", suffixes: ["proxy.webflow.com", "proxy-ssl.webflow.com"], unclaimed: /The page you are looking for doesn't exist or has been moved\./ },
];

/** The service a CNAME target belongs to, when its fingerprint is known. */
export function saasOf(target: string): SaasFingerprint | undefined {
  const t = target.toLowerCase().replace(/\.$/, "");
  return SAAS_FINGERPRINTS.find((f) => f.suffixes.some((s) => t === s || t.endsWith(`.${s}`)));
}

export function checkSaasClaim(name: string, target: string, service: SaasFingerprint, body: string): Finding[] {
  if (!service.unclaimed.test(body)) return [];
  return [{
    message: `${name} points at ${service.service} (${target}), which answers that no account claims it: anyone can claim ${name} there (subdomain takeover)`,
    ref: REF,
    fix: `claim ${name} in ${service.service} again, or delete the record`,
  }];
}
