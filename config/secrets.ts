/** Application environment variables and where their secret values live (issue 4 fills this in). */
import { z } from "zod";

export const secretsSchema = z.strictObject({});
export type SecretsConfig = z.output<typeof secretsSchema>;
