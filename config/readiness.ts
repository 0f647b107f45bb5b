/**
 * `launch-stack:readiness`: the people side of a launch, per stack. Who owns the portal and in what role,
 * the support hours, where the dashboards and logs are, and who did each check only people can do
 * (rules/human-checks.ts) and when. It lives in the stack's config rather than a separate file so that it
 * is per environment (a drill on staging proves nothing about prod's alert route), reviewed in the same PR
 * as the change it vouches for, and validated at the door like every other key: a typo in a check's name
 * or a date fails with its key path. Nothing here is secret; nothing here declares a resource. The
 * handover reads it, and its scorecard counts an unrecorded or failed check as blocking in production.
 */
import { z } from "zod";
import { HUMAN_CHECK_IDS, HumanCheckId } from "../rules/human-checks";
import { email, httpsUrl } from "./primitives";

/** A calendar date, YYYY-MM-DD, that has already happened: a check recorded in the future is a typo. */
const pastDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "must be a date written YYYY-MM-DD, such as 2026-11-24", abort: true })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), { message: "must be a real calendar date", abort: true })
  .refine((v) => Date.parse(`${v}T00:00:00Z`) <= Date.now(), { message: "is in the future; record the day the check was done" });

export const humanCheckRecordSchema = z.strictObject({
  /** Who did the check (a name a teammate recognises). */
  checkedBy: z.string().trim().min(1),
  /** The day it was done. */
  checkedOn: pastDate,
  /** What they found: fail keeps the launch blocked until the check is redone and passes. */
  result: z.enum(["pass", "fail"]).default("pass"),
  /** What was covered or found, e.g. the routes tried or the ticket of the fix. */
  note: z.string().trim().min(1).optional(),
});

const humanChecksSchema = z.strictObject(
  Object.fromEntries(HUMAN_CHECK_IDS.map((id) => [id, humanCheckRecordSchema.optional()])) as Record<HumanCheckId, z.ZodOptional<typeof humanCheckRecordSchema>>,
);

const linkSchema = z.strictObject({ name: z.string().trim().min(1), url: httpsUrl });

export const readinessSchema = z.strictObject({
  /** The people who own the portal, first the one who decides during an incident. */
  owners: z.array(z.strictObject({ name: z.string().trim().min(1), role: z.string().trim().min(1), contact: email })).default([]),
  /** When customers get answers, with the time zone, e.g. "Mon-Fri 08:00-18:00 Europe/Berlin". */
  supportHours: z.string().trim().min(1).optional(),
  /** What happens to an alert outside support hours, e.g. "alerts email both owners; Dana answers within 30 min". */
  outsideSupportHours: z.string().trim().min(1).optional(),
  /** The app's own dashboards (error tracker, APM, status page admin) to watch on day one. */
  dashboards: z.array(linkSchema).default([]),
  /** Where the app's and the edge's logs are read. */
  logs: z.array(linkSchema).default([]),
  /** Who did each human check and when (rules/human-checks.ts lists them with their steps). */
  humanChecks: humanChecksSchema.prefault({}),
});

export type Readiness = z.output<typeof readinessSchema>;
export type HumanCheckRecord = z.output<typeof humanCheckRecordSchema>;
