/*
 * This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of the MPL
 * was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/.
 * It follows mdn/mdn-http-observatory (MPL-2.0) closely enough to be a derived work of it; see README "Licence".
 */
/**
 * Redirection from http://, as the Observatory grades it (src/analyzer/tests/redirection.js,
 * `redirectionTest`, lines 35-103, commit 94042bb), on the route GET http://host/ takes (every response,
 * first included): it must end on https://, its first hop must go to https:// and stay on the host.
 */
import { GradedTest, TestOutcome } from "./scan";
import type { ObservatoryResult } from "./score-table";

export const redirection: GradedTest = {
  name: "redirection",
  title: "Redirection",
  run(view): TestOutcome {
    const route = view.httpRoute.map((r) => new URL(r.url));
    let result: ObservatoryResult;
    if (!view.http) result = "redirection-not-needed-no-http";
    else if (!view.verified) result = "redirection-invalid-cert";
    else if (route.every((u) => view.preloaded(u.hostname))) result = "redirection-all-redirects-preloaded";
    else if (route.length === 1) result = "redirection-missing";
    else if (route.at(-1)!.protocol !== "https:") result = "redirection-not-to-https";
    else if (route[1].protocol === "http:") result = "redirection-not-to-https-on-initial-redirection";
    else if (route[0].protocol === "http:" && route[1].protocol === "https:" && route[0].hostname !== route[1].hostname) result = "redirection-off-host-from-http";
    else result = "redirection-to-https";
    return { result, pass: result === "redirection-to-https" || result === "redirection-not-needed-no-http" || result === "redirection-all-redirects-preloaded" };
  },
};
