/** Uptime checks, latency alarm and alert routes (issue 4 fills this in). */
import { z } from "zod";

export const monitoringSchema = z.strictObject({});
export type MonitoringConfig = z.output<typeof monitoringSchema>;
