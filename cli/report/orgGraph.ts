import { Graph, GraphBuilder } from "./graph";
import { Located, PlanIndex, str } from "./planIndex";

export const ORGANIZATION = "aws:organizations/organization:Organization";
export const ORGANIZATIONAL_UNIT = "aws:organizations/organizationalUnit:OrganizationalUnit";
export const ACCOUNT = "aws:organizations/account:Account";

/**
 * The OU and account tree, from the plans alone: each OU and account hangs under the resource its
 * `parentId` input names (the root, through the organisation's `roots[].id` output, or an OU,
 * through its id). A parent no plan holds is drawn as an external node, so a partial plan still
 * shows what it has.
 */
export function orgGraph(index: PlanIndex): Graph {
  const g = new GraphBuilder("Organisation");
  const orgs = index.ofType(ORGANIZATION);
  const ous = index.ofType(ORGANIZATIONAL_UNIT);
  const accounts = index.ofType(ACCOUNT);
  if (orgs.length + ous.length + accounts.length === 0) return g.build();

  const rootIds = new Map<string, string>();
  for (const org of orgs) {
    const roots = Array.isArray(org.r.outputs.roots) ? (org.r.outputs.roots as Record<string, unknown>[]) : [];
    const orgId = typeof org.r.id === "string" ? org.r.id : org.r.name;
    const rootNode = g.node(g.idFor("root", org.r.urn, org.r.name), `Root\norganisation ${orgId}`, "root");
    for (const root of roots) if (typeof root?.id === "string") rootIds.set(root.id, rootNode);
    if (roots.length === 0) rootIds.set(orgId, rootNode);
    const mgmt = str(org.r, "masterAccountId");
    if (mgmt) g.edge(rootNode, g.node(g.idFor("account", `management-${mgmt}`), `management account\n${mgmt}`, "account"));
  }
  const onlyRoot = rootIds.size > 0 && new Set(rootIds.values()).size === 1 ? [...rootIds.values()][0] : undefined;

  const ouNode = new Map<Located, string>();
  for (const ou of sortByName(ous)) ouNode.set(ou, g.node(g.idFor("ou", ou.r.urn, str(ou.r, "name") ?? ou.r.name), str(ou.r, "name") ?? ou.r.name, "ou"));
  const accountNode = new Map<Located, string>();
  for (const acct of sortByName(accounts)) accountNode.set(acct, g.node(g.idFor("account", acct.r.urn, str(acct.r, "name") ?? acct.r.name), str(acct.r, "name") ?? acct.r.name, "account"));

  const parentOf = (child: Located): string | undefined => {
    const ref = str(child.r, "parentId");
    if (!ref) return onlyRoot;
    const root = rootIds.get(ref);
    if (root) return root;
    const target = index.resolve(ref);
    if (target && ouNode.has(target)) return ouNode.get(target);
    return g.node(g.idFor("external", ref), `parent ${ref}\n(not in these plans)`, "external");
  };
  for (const [l, id] of [...ouNode, ...accountNode]) {
    const parent = parentOf(l);
    if (parent) g.edge(parent, id);
  }
  return g.build();
}

function sortByName(list: Located[]): Located[] {
  return [...list].sort((a, b) => (str(a.r, "name") ?? a.r.name).localeCompare(str(b.r, "name") ?? b.r.name) || a.r.urn.localeCompare(b.r.urn));
}
