/**
 * The resource tree as `pulumi preview` draws it: components and their children from the recorded parent
 * links, each custom resource followed by the inputs a reviewer checks (cli/plan/details.ts).
 */
import type { PlanResource } from "./document";
import { resourceDetails } from "./details";
import { displayType } from "./display";

interface Node {
  resource: PlanResource;
  children: Node[];
}

/** Roots are resources whose parent was not recorded (the LaunchStack, or anything declared at top level). */
function buildForest(resources: readonly PlanResource[]): Node[] {
  const nodes = new Map(resources.map((r) => [r.urn, { resource: r, children: [] as Node[] }]));
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parent = node.resource.parent ? nodes.get(node.resource.parent) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  // Registration order depends on promise timing; names are stable, so the tree reads the same every run.
  const sort = (list: Node[]) => {
    list.sort((a, b) => a.resource.name.localeCompare(b.resource.name));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

export function renderTree(resources: readonly PlanResource[]): string {
  const rows: { head: string; name: string; details: string[]; detailPrefix: string }[] = [];
  const walk = (nodes: Node[], prefix: string, top: boolean) => {
    nodes.forEach((node, i) => {
      const last = i === nodes.length - 1;
      const connector = top ? "" : last ? "└─ " : "├─ ";
      const childPrefix = top ? "" : prefix + (last ? "   " : "│  ");
      const { resource } = node;
      rows.push({
        head: `${prefix}${connector}${displayType(resource.type)}`,
        name: resource.name,
        details: resourceDetails(resource.type, resource.inputs),
        detailPrefix: childPrefix + (node.children.length > 0 ? "│  " : "   "),
      });
      walk(node.children, childPrefix, false);
    });
  };
  walk(buildForest(resources), "", true);
  const width = Math.max(0, ...rows.map((r) => r.head.length));
  return rows
    .flatMap((r) => [`${r.head.padEnd(width)}  ${r.name}`, ...r.details.map((d) => `${r.detailPrefix}${d}`)])
    .join("\n");
}
