/*
 * This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of the MPL
 * was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/.
 * It follows mdn/mdn-http-observatory (MPL-2.0) closely enough to be a derived work of it; see README "Licence".
 */
/**
 * A structured field (RFC 8941) item that is a token, as the Observatory reads COOP and COEP with the
 * structured-headers package (src/analyzer/utils.js `parseStructuredFieldToken`, lines 58-65, commit
 * 94042bb): parameters such as `report-to` are allowed, anything that is not one token item is null.
 */
import type * as StructuredHeaders from "structured-headers/dist/index";

// The package declares its types only through "exports", which this project's module resolution does not
// read; the types come from their file, the code through require (the package's CommonJS build).
const { parseItem, Token } = require("structured-headers") as typeof StructuredHeaders;

export function structuredToken(value: string): string | null {
  try {
    const [bare] = parseItem(value);
    return bare instanceof Token ? bare.toString() : null;
  } catch {
    return null;
  }
}
