/**
 * `launch-stack:changeSafety`: how much of a zone one change may rewrite before `npm run plan -- --diff`
 * (and so the pull-request check) stops and asks for `--allow-mass-change`. The defaults are octodns'
 * (octodns/octodns octodns/provider/plan.py, 94bc80e: MAX_SAFE_UPDATE_PCENT = MAX_SAFE_DELETE_PCENT = 0.3,
 * MIN_EXISTING_RECORDS = 10): a typo that empties a zone is caught, a normal change never is. A stack
 * sets its own values here, as octodns lets a zone override its provider's thresholds.
 */
import { z } from "zod";

const share = z.number().min(0).max(1);

export const changeSafetySchema = z.strictObject({
  /** Largest share (0 to 1) of a zone's DNS records one change may update in place; more needs --allow-mass-change. */
  maxUpdateShare: share.default(0.3),
  /** Largest share (0 to 1) of a zone's DNS records one change may delete or replace. */
  maxDeleteShare: share.default(0.3),
  /** Zones with fewer records than this are not judged by share (a small zone's one change is a big share). */
  minRecords: z.number().int().min(1).default(10),
});

export type ChangeSafety = z.output<typeof changeSafetySchema>;
