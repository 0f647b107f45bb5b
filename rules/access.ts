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
