/**
 * One canonical form for URL paths, so every path comparison (check URLs, cache paths and rate-limited
 * routes against private paths; rule expressions against the paths they must cover) sees the path the
 * way Cloudflare's rules do. A private path written in another spelling must not slip past a check.
 *
 * Cloudflare's default URL normalization ("Normalize incoming URLs", type Cloudflare, on every zone by
 * default; developers.cloudflare.com/rules/normalization/how-it-works) runs before any rule reads
 * `http.request.uri.path`:
 * - RFC 3986: percent-encoded unreserved characters (A-Z a-z 0-9 - . _ ~) are decoded, other
 *   percent-encodings are upper-cased, dot segments are removed (RFC 3986 §5.2.4);
 * - Cloudflare on top: backslashes become forward slashes and successive slashes are merged.
 * Cloudflare never changes a path's case; the rules this stack builds read `lower(http.request.uri.path)`,
 * so comparisons use pathKey, which lower-cases the canonical path.
 */

/** %41-%5A, %61-%7A, %30-%39, %2D, %2E, %5F, %7E: what RFC 3986 §2.3 calls unreserved. */
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

function normalizePercentEncoding(path: string): string {
  return path.replace(/%([0-9A-Fa-f]{2})/g, (whole, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : whole.toUpperCase();
  });
}

/** RFC 3986 §5.2.4, on an absolute path. */
function removeDotSegments(path: string): string {
  const out: string[] = [];
  const segments = path.split("/").slice(1);
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === ".") {
      if (last) out.push("");
    } else if (segment === "..") {
      out.pop();
      if (last) out.push("");
    } else out.push(segment);
  });
  return `/${out.join("/")}`;
}

/** The path as Cloudflare's rules read it: `/%64ashboard//x/../y` → `/dashboard/y`. The query and fragment are dropped. */
export function canonicalPath(path: string): string {
  const bare = path.split(/[?#]/, 1)[0];
  const slashed = `/${normalizePercentEncoding(bare).replace(/\\/g, "/")}`.replace(/\/{2,}/g, "/");
  return removeDotSegments(slashed);
}

/** The form two paths are compared in: canonical, then lower-cased as the stack's `lower(...)` expressions read it. */
export function pathKey(path: string): string {
  return canonicalPath(path).toLowerCase();
}

/** Whether a `starts_with` rule on `prefix` matches every request to `path`, after canonicalization. */
export function prefixCovers(prefix: string, path: string): boolean {
  return pathKey(path).startsWith(pathKey(prefix));
}

/**
 * Whether a prefix rule on `a` and one on `b` match some request in common: one canonical prefix starts
 * with the other (`/` overlaps everything, `/api` overlaps `/api/v1` and `/apikeys`).
 */
export function prefixesOverlap(a: string, b: string): boolean {
  return prefixCovers(a, b) || prefixCovers(b, a);
}
