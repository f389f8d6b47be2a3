import type { StackConfig } from "../../config";
import { ouKey } from "../../lib/organizationPaths";
import { PlanResource, splitProviderRef } from "../../lib/plan";

/**
 * What `pulumi import --file` needs to adopt an organisation that exists already (CreateOrganization
 * fails in an account that is in one): the organisation, the OUs and the accounts, under the exact
 * names and parents the management program gives them (read from its offline plan, so they cannot
 * drift from the code), with their ids from the stack files where known and an `aws` command to
 * find each one that is not. Pure: the command prints it.
 */

export const IMPORTED_TYPES = ["aws:organizations/organization:Organization", "aws:organizations/organizationalUnit:OrganizationalUnit", "aws:organizations/account:Account"] as const;

export interface ImportEntry {
  readonly type: string;
  readonly name: string;
  /** Empty for a component (`pulumi import` creates it, empty, as the parent of what it imports). */
  readonly id?: string;
  readonly component?: boolean;
  /** The name of another entry of the file. */
  readonly parent?: string;
  /** A key of the name table. */
  readonly provider?: string;
}

export interface ImportFile {
  readonly nameTable: Record<string, string>;
  readonly resources: ImportEntry[];
}

export interface ImportPlan {
  readonly file: ImportFile;
  /** For each placeholder id in the file: how to find the real one. */
  readonly lookups: { readonly placeholder: string; readonly command: string }[];
  /** The stack's explicit provider, which must exist in the state before the import (see the command's steps). */
  readonly providerUrn: string;
}

export function importPlan(cfg: StackConfig, resources: readonly PlanResource[], configs: readonly StackConfig[]): ImportPlan {
  if (cfg.role !== "management") throw new Error(`${cfg.file}: lz bootstrap imports an organisation into a management stack; ${cfg.stack} is a ${cfg.role} stack`);
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const wanted = resources.filter((r) => (IMPORTED_TYPES as readonly string[]).includes(r.type));
  const provider = wanted.map((r) => r.provider).find((p): p is string => !!p);
  if (!provider) throw new Error("the management plan has no organisation resource on an explicit provider");
  const providerUrn = splitProviderRef(provider).urn;
  const providerName = providerUrn.split("::").pop()!;
  const accountIds = new Map(configs.map((c) => [c.account.name, c.account.id]));
  const ous = (cfg as Extract<StackConfig, { role: "management" }>).organization.organizationalUnits.map((o) => o.path);
  const lookups: { placeholder: string; command: string }[] = [];
  const entries: ImportEntry[] = [];
  const components = new Map<string, ImportEntry>();

  const parentName = (r: PlanResource): string | undefined => {
    const p = r.parent ? byUrn.get(r.parent) : undefined;
    if (!p || p.type === "pulumi:pulumi:Stack") return undefined;
    if (!components.has(p.urn)) components.set(p.urn, { type: p.type, name: p.name, component: true, parent: parentName(p) });
    return p.name;
  };

  for (const r of wanted) {
    let id: string;
    if (r.type === IMPORTED_TYPES[0]) {
      id = "<organization-id>";
      lookups.push({ placeholder: id, command: "aws organizations describe-organization --query Organization.Id --output text" });
    } else if (r.type === IMPORTED_TYPES[1]) {
      const name = String(r.inputs.name);
      const path = ous.find((p) => r.name.endsWith(`-ou-${ouKey(p)}`)) ?? name;
      const parent = path.includes("/") ? `<ou-id:${path.slice(0, path.lastIndexOf("/"))}>` : "<root-id>";
      id = `<ou-id:${path}>`;
      lookups.push({ placeholder: id, command: `aws organizations list-organizational-units-for-parent --parent-id ${parent} --query "OrganizationalUnits[?Name=='${name}'].Id" --output text` });
    } else {
      const name = String(r.inputs.name);
      const known = accountIds.get(name);
      id = known ?? `<account-id:${name}>`;
      if (!known) lookups.push({ placeholder: id, command: `aws organizations list-accounts --query "Accounts[?Name=='${name}'].Id" --output text` });
    }
    entries.push({ type: r.type, name: r.name, id, parent: parentName(r), provider: providerName });
  }
  if (wanted.some((r) => r.type === IMPORTED_TYPES[1])) lookups.unshift({ placeholder: "<root-id>", command: "aws organizations list-roots --query Roots[0].Id --output text" });
  return { file: { nameTable: { [providerName]: providerUrn }, resources: [...components.values(), ...entries] }, lookups, providerUrn };
}
