/**
 * One `http_request_dynamic_redirect` entrypoint ruleset per zone: legacy paths first (first match
 * wins), then alias and legacy hosts, each straight to its canonical URL with path and query kept.
 */
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import type { RedirectRule } from "../model/site";

export interface CanonicalRedirectsArgs {
  /** The zone the ruleset belongs to. */
  readonly zoneId: pulumi.Input<string>;
  /** The zone's domain, for the ruleset's name. */
  readonly domain: string;
  /** Redirect rules derived from config, in evaluation order. */
  readonly rules: readonly RedirectRule[];
}

export class CanonicalRedirects extends pulumi.ComponentResource {
  /** "from → to" lines, for stack outputs and the handover document. */
  public readonly redirectMap: string[];

  constructor(name: string, args: CanonicalRedirectsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("launch-stack:redirects:CanonicalRedirects", name, {}, opts);
    new cloudflare.Ruleset(`${name}-ruleset`, {
      zoneId: args.zoneId,
      kind: "zone",
      phase: "http_request_dynamic_redirect",
      name: `${args.domain} canonical redirects`,
      description: "Aliases and legacy URLs to their canonical URL in one hop (managed by launch-stack)",
      rules: args.rules.map((r) => ({
        ref: r.ref,
        description: r.description,
        expression: r.expression,
        action: "redirect",
        enabled: true,
        actionParameters: {
          fromValue: {
            statusCode: r.redirect.statusCode,
            preserveQueryString: r.redirect.preserveQueryString,
            targetUrl: r.target,
          },
        },
      })),
    }, { parent: this });
    this.redirectMap = args.rules.map((r) => r.description);
    this.registerOutputs({ redirectMap: this.redirectMap });
  }
}
