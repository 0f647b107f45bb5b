/**
 * Whole scans with the grade and score the Observatory gives them: header sets a launch plausibly sends,
 * one per band of the grade chart; their grade and score are what the Observatory's analyzer
 * (mdn/mdn-http-observatory, commit 94042bb) computed for these exact inputs. The Observatory's own captured
 * scans of mozilla.org are not copied here: fetched third-party material stays out of the repository.
 */
import type { ObservatoryScan } from "../../../rules/observatory/scan";
import { scanOf } from "./support";

export interface GradeCase {
  name: string;
  scan: ObservatoryScan;
  grade: string;
  score: number;
  testsPassed: number;
}

const edge = {
  "strict-transport-security": "max-age=31536000; includeSubDomains",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
};
const strictCsp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
const page = (...tags: string[]) => `<!doctype html><html><head>${tags.join("")}</head><body></body></html>`;
const stripe = '<script src="https://js.stripe.com/v3/"></script>';

export const GRADE_CASES: readonly GradeCase[] = [
  {
    name: "a strict CSP, isolation headers and Secure SameSite cookies (bonuses counted)",
    scan: scanOf({
      host: "example.com",
      headers: { ...edge, "content-security-policy": strictCsp, "cross-origin-opener-policy": "same-origin", "cross-origin-resource-policy": "same-origin", "set-cookie": ["__Host-portal_session=1; Path=/; Secure; HttpOnly; SameSite=Lax"] },
      body: page('<script src="/app.js"></script>'),
    }),
    grade: "A+",
    score: 145,
    testsPassed: 12,
  },
  {
    name: "a CSP allowing inline styles, frame options, no nosniff and a foreign script lacking integrity",
    scan: scanOf({ host: "example.com", headers: { ...edge, "x-content-type-options": undefined, "referrer-policy": undefined, "content-security-policy": "default-src 'self'; style-src 'self' 'unsafe-inline'" }, body: page(stripe) }),
    grade: "A",
    score: 95,
    testsPassed: 10,
  },
  {
    name: "the edge headers without a CSP: the best a page does without one (bonuses not counted)",
    scan: scanOf({ host: "example.com", headers: edge, body: page('<script src="/app.js"></script>') }),
    grade: "B",
    score: 75,
    testsPassed: 11,
  },
  {
    name: "a CSP with 'unsafe-inline' scripts and the edge headers",
    scan: scanOf({ host: "example.com", headers: { ...edge, "content-security-policy": "default-src 'self'; script-src 'self' 'unsafe-inline'" }, body: page(stripe) }),
    grade: "B",
    score: 75,
    testsPassed: 10,
  },
  {
    name: "no CSP and no frame options",
    scan: scanOf({ host: "example.com", headers: { ...edge, "x-frame-options": undefined }, body: page(stripe) }),
    grade: "C",
    score: 50,
    testsPassed: 9,
  },
  {
    name: "no CSP, no frame options and a one-day HSTS",
    scan: scanOf({ host: "example.com", headers: { ...edge, "x-frame-options": undefined, "strict-transport-security": "max-age=86400" }, body: page(stripe) }),
    grade: "D+",
    score: 40,
    testsPassed: 8,
  },
  {
    name: "no security headers at all",
    scan: scanOf({ host: "example.com", body: page(stripe) }),
    grade: "D-",
    score: 25,
    testsPassed: 7,
  },
  {
    name: "no security headers, a session cookie without Secure or HttpOnly and plain http:// answering",
    scan: scanOf({ host: "example.com", http: [["http://example.com/", 200]], headers: { "set-cookie": ["sessionid=1; Path=/"] }, body: page('<script src="http://cdn.other.net/lib.js"></script>') }),
    grade: "F",
    score: 0,
    testsPassed: 5,
  },
];
