/**
 * How a flattened CNAME (`flattenCname: true`) looks from outside: Cloudflare resolves the target itself
 * and answers the name with the target's addresses, so a resolver sees no CNAME at the name, and the same
 * A/AAAA set as the target. Judged on DNS answers the verifier collected. Pure.
 */
import { Finding } from "./finding";

const REF = "Cloudflare DNS: CNAME flattening";

export function checkFlattenedAnswers(name: string, target: string, answers: { cname?: string; addresses: readonly string[]; targetAddresses: readonly string[] }): Finding[] {
  if (answers.cname !== undefined) return [{ message: `${name} answers a CNAME to ${answers.cname}, though the stack declares it flattened`, ref: REF, fix: "run pulumi up, or turn flattening back on for the record (DNS > Records > Edit > Flatten)" }];
  if (answers.addresses.length === 0) return [{ message: `${name} answers no address, though its flattened CNAME points at ${target}`, ref: REF, fix: `check that ${target} resolves, then run pulumi up` }];
  const live = [...answers.addresses].sort();
  const want = [...answers.targetAddresses].sort();
  if (live.join(" ") !== want.join(" ")) return [{ message: `${name} answers ${live.join(", ")}, but ${target} answers ${want.join(", ") || "nothing"}`, ref: REF, fix: "run pulumi up; if it persists, the record's content no longer names the intended target" }];
  return [];
}
