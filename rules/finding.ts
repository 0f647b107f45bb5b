/** One problem a rule found: what is wrong, which standard it breaks, and how to fix it. */
export interface Finding { message: string; ref?: string; fix?: string; severity?: "error" | "warning" }

/** One line for logs, policy violations and config errors: message, then the standard, then the fix. */
export function formatFinding(f: Finding): string {
  return `${f.message}${f.ref ? ` (${f.ref})` : ""}${f.fix ? `; ${f.fix}` : ""}`;
}
