/** Command-line options of `npm run adopt` (commander), with usage errors as exit 2. */
import { Command, Option } from "commander";
import type { CliIO } from "../plan/io";
import { parseArgs, Parsed } from "../shared/args";

export interface AdoptOptions {
  /** A zone file: Cloudflare's "Export DNS records" output, or any RFC 1035 master file. */
  zoneFile?: string;
  /** The live zone's domain when reading from the Cloudflare API (CLOUDFLARE_API_TOKEN). */
  zone?: string;
  /** The zone's domain, for a zone file with neither $ORIGIN nor SOA. */
  domain?: string;
  stack: string;
  environment: "staging" | "prod";
  /** The Pulumi project directory (where Pulumi.<stack>.yaml is written). */
  cwd: string;
}

export function parseAdoptOptions(argv: readonly string[], io: CliIO): Parsed<AdoptOptions> {
  const program = new Command()
    .name("adopt")
    .description("Draft Pulumi.<stack>.yaml from a live zone and report what the first pulumi up would change. " +
      "With --zone, read the zone from the Cloudflare API (CLOUDFLARE_API_TOKEN: Zone Read, DNS Read, Zone Settings Read and the rules " +
      "permissions, plus the account's Workers Scripts Read for a zone with mail; CLOUDFLARE_BASE_URL overrides the API's address, for a proxy) and also write import-<stack>.json for pulumi import --file. " +
      "Exit 0: written and the plan passes; 1: written, but the plan does not pass; 2: bad input or usage; 3: internal error.")
    .addOption(new Option("--zone-file <export>", "a zone file (Cloudflare's Export DNS records, or RFC 1035)").conflicts("zone"))
    .option("--zone <domain>", "read the zone from the Cloudflare API with CLOUDFLARE_API_TOKEN, and write import-<stack>.json")
    .option("--domain <zone>", "the zone's domain, when the zone file has no $ORIGIN or SOA")
    .requiredOption("--stack <name>", "the new stack's name (writes Pulumi.<name>.yaml; never overwrites)")
    .addOption(new Option("--environment <env>", "which bars the stack is held to").choices(["staging", "prod"]).default("staging"))
    .option("--cwd <dir>", "the Pulumi project directory (relative to where you ran npm)", process.cwd())
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  return parseArgs<AdoptOptions>(program, argv);
}
