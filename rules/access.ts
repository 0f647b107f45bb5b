/**
 * Access control as probed from outside (launch checklist): a private route refuses an anonymous request,
 * and CORS grants only exact trusted origins, never an arbitrary one reflected back, never `*` with credentials.
 */
import { Finding } from "./finding";
import { prefixCovers } from "./paths";

const REF = "launch checklist: access control";

/** A Location that goes to a sign-in page: the app's login route, or an identity provider's authorize/login path. */
const SIGN_IN_PATH = /\/(?:login|log-in|signin|sign-in|sso|auth|oauth2?|authorize)(?:[/?.]|$)/i;

/**
 * An anonymous request to a private URL must get 401/403, or a redirect to a sign-in page.
 * @param loginPath the app's own login route (config app.routes.login)
 */
export function checkAnonymousResponse(url: string, status: number, location: string | undefined, loginPath: string): Finding[] {
  if (status === 401 || status === 403) return [];
  if (status >= 300 && status < 400) {
    if (location === undefined) return [{ message: `${url} answered ${status} without a Location`, ref: REF, fix: "redirect anonymous requests to the login page" }];
    const target = new URL(location, url);
    if (prefixCovers(loginPath, target.pathname) || SIGN_IN_PATH.test(target.pathname)) return [];
    return [{ message: `${url} redirects an anonymous request to ${target.toString()}, not to a login page`, ref: REF, fix: `redirect to ${loginPath} or answer 401/403` }];
  }
  return [{ message: `${url} answered ${status} to an anonymous request`, ref: REF, fix: "require a session: answer 401/403 or redirect to the login page" }];
}

/**
 * Visible text a redirect's body may carry (a "Found. Redirecting to /login" notice, a server's stock 302
 * page): more than this is a page rendered for the anonymous visitor and sent along with the redirect,
 * which every client that does not follow redirects (curl, scripts) reads in full.
 */
export const MAX_REDIRECT_TEXT = 300;

/**
 * The body that came with the answer to an anonymous request for a private URL. A redirect to login that
 * still carries the private page leaks it: the access check must read the body, not only the status.
 * @param visibleText the body's text as a reader sees it (tags, scripts and styles removed)
 */
export function checkAnonymousBody(url: string, status: number, visibleText: string): Finding[] {
  const text = visibleText.replace(/\s+/g, " ").trim();
  if (text.length <= MAX_REDIRECT_TEXT) return [];
  return [{
    message: `${url} answers an anonymous request ${status} but its body carries ${text.length} characters of page content ("${text.slice(0, 40)}…")`,
    ref: REF,
    fix: "stop rendering before redirecting: send the redirect with an empty body (return right after setting Location)",
  }];
}

/**
 * The Origins sent to each authenticated endpoint: servers that check an Origin with a substring, a suffix
 * without the dot, `null` or the scheme ignored each grant one of these. `trusted` are the exact trusted
 * origins (app.trustedOrigins), `domains` the stack's zones. None of these may be granted.
 */
export function untrustedOrigins(trusted: readonly string[], domains: readonly string[], base: string): string[] {
  const out = [base, "null"];
  for (const domain of domains) {
    out.push(`https://${domain}.untrusted-origin.invalid`, `https://untrusted${domain}`);
  }
  for (const origin of trusted) {
    const u = new URL(origin);
    if (u.protocol === "https:") out.push(`http://${u.host}`);
  }
  return [...new Set(out)];
}

/** Response headers relevant to CORS, names lower-case as Node gives them. */
export interface CorsHeaders {
  "access-control-allow-origin"?: string;
  "access-control-allow-credentials"?: string;
}

/**
 * The response to a request carrying an untrusted `Origin` must not grant that origin, and a wildcard
 * grant must not come with credentials (browsers reject it, and a server that tries is reflecting blindly).
 */
export function checkCorsResponse(url: string, untrustedOrigin: string, headers: CorsHeaders): Finding[] {
  const allow = headers["access-control-allow-origin"]?.trim();
  const credentials = headers["access-control-allow-credentials"]?.trim().toLowerCase() === "true";
  if (allow === undefined) return [];
  if (allow === untrustedOrigin) {
    return [{ message: `${url} reflects the untrusted Origin ${untrustedOrigin} in Access-Control-Allow-Origin${credentials ? " with credentials" : ""}`, ref: REF, fix: "allow only the exact origins in app.trustedOrigins" }];
  }
  if (allow === "*" && credentials) {
    return [{ message: `${url} answers Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true`, ref: REF, fix: "name the exact trusted origins instead of *" }];
  }
  if (allow === "null") {
    return [{ message: `${url} answers Access-Control-Allow-Origin: null, which sandboxed pages of any site can claim`, ref: REF, fix: "allow only the exact origins in app.trustedOrigins" }];
  }
  return [];
}
