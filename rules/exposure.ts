/**
 * Nothing exposed at the web root, and no internals in error pages (launch checklist). Each probe's
 * response is judged by its body, not only its status: a single-page app answers every path 200 with its
 * shell, which exposes nothing, while an `.env` served as text exposes everything.
 */
import { Finding } from "./finding";

const REF = "launch checklist: exposure";

export interface ProbedResponse {
  status: number;
  /** Content-Type, if any. */
  type?: string;
  body: string;
}

/** Files a deploy leaves at the web root by mistake, each with the shape its content has. */
export const EXPOSED_FILES: readonly { path: string; what: string; looksLike: RegExp }[] = [
  { path: "/.env", what: "an environment file", looksLike: /^\s*(?:export\s+)?[A-Z][A-Z0-9_]*\s*=/m },
  { path: "/.git/config", what: "the Git repository's config (the source can be downloaded)", looksLike: /^\s*\[(?:core|remote|branch)\b/m },
  { path: "/.git/HEAD", what: "the Git repository's HEAD (the source can be downloaded)", looksLike: /^(?:ref: refs\/|[0-9a-f]{40}\s*$)/ },
  { path: "/.DS_Store", what: "a macOS folder index listing the files beside it", looksLike: /^\0\0\0\x01Bud1/ },
  { path: "/server-status", what: "Apache's server-status page (every client's requests, live)", looksLike: /Apache Server Status|Server uptime:|Total accesses:/i },
];

export function checkExposedFile(url: string, what: string, looksLike: RegExp, res: ProbedResponse): Finding[] {
  if (res.status !== 200 || !looksLike.test(res.body)) return [];
  return [{ message: `${url} serves ${what}`, ref: REF, fix: "deny dot-files and status pages at the origin (or with a WAF rule) and remove the file from the deploy" }];
}

/** Directory index pages from nginx autoindex, Apache mod_autoindex, IIS, Python's http.server, serve-index. */
const DIRECTORY_LISTING = /<title>\s*(?:Index of \/|Directory listing for \/|[^<]* - \/<\/title>)|<h1>\s*Index of \//i;

export function checkDirectoryListing(url: string, res: ProbedResponse): Finding[] {
  if (res.status !== 200 || !DIRECTORY_LISTING.test(res.body)) return [];
  return [{ message: `${url} lists its directory's files`, ref: REF, fix: "turn directory indexes off (nginx autoindex off; Apache Options -Indexes)" }];
}

/** A source map publishes the original source of a first-party script, comments and all. */
export function checkSourceMap(url: string, res: ProbedResponse): Finding[] {
  if (res.status !== 200 || !/"mappings"\s*:/.test(res.body) || !/"(?:sources|sections)"\s*:/.test(res.body)) return [];
  return [{ message: `${url} serves the source map of a first-party script`, ref: REF, fix: "build with hidden source maps (upload them to the error tracker) or do not deploy the .map files" }];
}

/** Stack traces and framework debug pages, by the text each runtime prints. */
const INTERNALS: readonly { what: string; pattern: RegExp }[] = [
  { what: "a Node.js stack trace", pattern: /\n\s+at [^\n]+\((?:\/|[A-Za-z]:\\|node:|file:)[^\n]*:\d+:\d+\)/ },
  { what: "a Python traceback", pattern: /Traceback \(most recent call last\)/ },
  { what: "a Java stack trace", pattern: /\n\s+at [\w$.]+\([\w$]+\.java:\d+\)|Exception in thread "/ },
  { what: "a .NET error page", pattern: /Server Error in '[^']*' Application|\bat [\w.]+\(\) in [^\n]+:line \d+/ },
  { what: "a PHP error", pattern: /<b>(?:Fatal error|Warning|Parse error)<\/b>:[^\n]* on line <b>\d+<\/b>/ },
  { what: "a Ruby backtrace", pattern: /\.rb:\d+:in `/ },
  { what: "Django's debug page", pattern: /You(?:'|&#x27;|&#39;)re seeing this error because you have <code>DEBUG = True<\/code>/ },
  { what: "Laravel's debug page", pattern: /Whoops! There was an error|Illuminate\\[A-Za-z\\]+Exception|ignition-/ },
  { what: "Rails' debug page", pattern: /Action Controller: Exception caught|<h1>Routing Error<\/h1>/ },
  { what: "the Werkzeug debugger", pattern: /Werkzeug Debugger|The debugger caught an exception/ },
  { what: "Next.js's development error overlay", pattern: /"err":\{"name":[^}]*"stack":"|nextjs__container_errors/ },
];

/** A product name followed by a version number, e.g. nginx/1.18.0, Apache/2.4.41 (Ubuntu), PHP/8.1.2. */
const VERSIONED_PRODUCT = /\b([A-Za-z][\w.-]*)\/(\d+\.\d+[\w.-]*)/;

/**
 * An error page (a random path's 404, a malformed request's 400) must not show a stack trace, a framework
 * debug page or the server software's version, in its body or in Server / X-Powered-By.
 */
export function checkErrorPage(what: string, res: ProbedResponse, headers: { server?: string; poweredBy?: string }): Finding[] {
  const findings: Finding[] = [];
  for (const i of INTERNALS) {
    if (i.pattern.test(res.body)) findings.push({ message: `${what} (${res.status}) shows ${i.what}`, ref: REF, fix: "turn debug mode off in production and answer errors with a generic page; log the details instead" });
  }
  for (const [name, value] of [["Server", headers.server], ["X-Powered-By", headers.poweredBy]] as const) {
    const m = value === undefined ? null : VERSIONED_PRODUCT.exec(value);
    if (m) findings.push({ message: `${what} (${res.status}) names the server software's version in ${name}: ${m[0]}`, ref: REF, fix: name === "Server" ? "hide the version (nginx server_tokens off; Apache ServerTokens Prod)" : "remove X-Powered-By (Express: app.disable('x-powered-by'); PHP: expose_php = Off)" });
  }
  const bodyVersion = /<(?:address|center|hr)[^>]*>[^<]*?\b((?:nginx|Apache|Microsoft-IIS|openresty|lighttpd|Jetty|Tomcat|Apache Tomcat)\/?\s?\d+\.\d+[\w.-]*)/i.exec(res.body);
  if (bodyVersion) findings.push({ message: `${what} (${res.status}) names the server software's version in its body: ${bodyVersion[1]}`, ref: REF, fix: "hide the version (nginx server_tokens off; Apache ServerSignature Off)" });
  return findings;
}

/**
 * /.well-known/security.txt (RFC 9116): Contact (§2.5.3) and Expires (§2.5.5) are required, and an
 * expired file should be treated as stale. Missing or incomplete is a warning: it helps researchers report,
 * it protects nothing by itself.
 */
export function checkSecurityTxt(url: string, res: ProbedResponse, now: Date): Finding[] {
  const warn = (message: string, fix: string): Finding[] => [{ message, ref: "RFC 9116", fix, severity: "warning" }];
  if (res.status !== 200 || !/^text\/plain\b/i.test(res.type ?? "")) return warn(`${url} is not served (${res.status}${res.type ? `, ${res.type}` : ""})`, "publish security.txt as text/plain with Contact: and Expires: (https://securitytxt.org)");
  const fields = res.body.split(/\r?\n/).map((l) => /^([A-Za-z-]+):\s*(.*)$/.exec(l.trim())).filter((m): m is RegExpExecArray => m !== null);
  const field = (name: string) => fields.filter((m) => m[1].toLowerCase() === name).map((m) => m[2].trim());
  const out: Finding[] = [];
  if (field("contact").length === 0) out.push(...warn(`${url} has no Contact field`, "add Contact: mailto:security@<domain> (RFC 9116 §2.5.3)"));
  const expires = field("expires");
  if (expires.length !== 1) out.push(...warn(`${url} has ${expires.length === 0 ? "no" : "more than one"} Expires field`, "add exactly one Expires: <RFC 3339 date> under a year away (RFC 9116 §2.5.5)"));
  else {
    const at = new Date(expires[0]);
    if (Number.isNaN(at.getTime())) out.push(...warn(`${url} has an unreadable Expires "${expires[0]}"`, "use an RFC 3339 date-time, e.g. 2027-01-31T00:00:00Z"));
    else if (at.getTime() <= now.getTime()) out.push(...warn(`${url} expired on ${at.toISOString().slice(0, 10)}`, "renew it: set Expires under a year away"));
  }
  return out;
}
