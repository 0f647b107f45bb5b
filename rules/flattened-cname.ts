/**
 * How a flattened CNAME (`flattenCname: true`) looks from outside: Cloudflare resolves the target itself
 * and answers the name with addresses, so a resolver sees A/AAAA and no CNAME at the name. Which addresses
 * is not fixed: ELB, CloudFront and other CDN targets answer rotating or location-dependent subsets, and
 * Cloudflare resolves the target from its own location, not the verifier's. So the name passes on any
 * addresses and no CNAME; when it shares none with what the target answers the verifier, that is a warning
 * (worth a look by hand), never a failure. Judged on DNS answers the verifier collected. Pure.
 */
import { Finding } from "./finding";

const REF = "Cloudflare DNS: CNAME flattening";

export function checkFlattenedAnswers(name: string, target: string, answers: { cname?: string; addresses: readonly string[]; targetAddresses: readonly string[] }): Finding[] {
  if (answers.cname !== undefined) return [{ message: `${name} answers a CNAME to ${answers.cname}, though the stack declares it flattened`, ref: REF, fix: "run pulumi up, or turn flattening back on for the record (DNS > Records > Edit > Flatten)" }];
  if (answers.addresses.length === 0) return [{ message: `${name} answers no address, though its flattened CNAME points at ${target}`, ref: REF, fix: `check that ${target} resolves, then run pulumi up` }];
  const targetSet = new Set(answers.targetAddresses);
  if (targetSet.size === 0 || answers.addresses.some((a) => targetSet.has(a))) return [];
  return [{
    severity: "warning",
    message: `${name} answers ${[...answers.addresses].sort().join(", ")}, none of which ${target} answers here (${[...targetSet].sort().join(", ")}); CDN and load-balancer targets answer per location, and Cloudflare resolves ${target} from its own`,
    ref: REF,
    fix: `if ${target} is not a CDN or load balancer, check that the record's content still names it (DNS > Records), then run pulumi up`,
  }];
}
