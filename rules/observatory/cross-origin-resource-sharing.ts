/*
 * This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of the MPL
 * was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/.
 * It follows mdn/mdn-http-observatory (MPL-2.0) closely enough to be a derived work of it; see README "Licence".
 */
/**
 * CORS, as the Observatory grades it (src/analyzer/tests/cors.js, `crossOriginResourceSharingTest`,
 * lines 30-82, commit 94042bb): from its preflight (OPTIONS with its own Origin, retriever.js lines 85-105),
 * `*` is public (neutral), the Origin echoed with credentials allowed is universal access (loses 50),
 * any other grant is restricted (neutral).
 */
import { firstHeader, GradedTest, TestOutcome } from "./scan";
import type { ObservatoryResult } from "./score-table";

export const crossOriginResourceSharing: GradedTest = {
  name: "cross-origin-resource-sharing",
  title: "Cross Origin Resource Sharing (CORS)",
  run(view): TestOutcome {
    const response = view.cors?.response;
    const acao = firstHeader(response, "access-control-allow-origin");
    const credentials = firstHeader(response, "access-control-allow-credentials");
    let result: ObservatoryResult = "cross-origin-resource-sharing-not-implemented";
    if (response && acao) {
      if (acao.slice(0, 256).trim().toLowerCase() === "*") result = "cross-origin-resource-sharing-implemented-with-public-access";
      else if (acao === view.cors!.origin && credentials?.toLowerCase().trim() === "true") result = "cross-origin-resource-sharing-implemented-with-universal-access";
      else result = "cross-origin-resource-sharing-implemented-with-restricted-access";
    }
    return { result, pass: result !== "cross-origin-resource-sharing-implemented-with-universal-access" };
  },
};
