/** Email authentication per zone (issue 3 fills this in). */
import { z } from "zod";

export const emailSchema = z.strictObject({});
export type EmailConfig = z.output<typeof emailSchema>;
