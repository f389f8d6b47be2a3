/**
 * Global AWS services, exempt from placement (POLICY-COVERAGE.md section 5): their resources have no
 * `region` input in the pinned provider (test/policies/globalServices.test.ts checks that against the
 * SDK typings). Route 53 is global except Resolver and Profiles, which are regional.
 */
export const GLOBAL_MODULES: readonly string[] = [
  "iam",
  "organizations",
  "account",
  "cloudfront",
  "globalaccelerator",
  "shield",
  "waf",
  "networkmanager",
  "route53domains",
  "route53recoverycontrol",
  "route53recoveryreadiness",
  "budgets",
  "costexplorer",
  "route53",
];

const modules = new Set(GLOBAL_MODULES);

/** `aws:<module>/<resource>:<Type>` -> [module, resource]. */
export function tokenParts(type: string): [string, string] | undefined {
  const m = /^aws:([^/]+)\/([^:]+):/.exec(type);
  return m ? [m[1], m[2]] : undefined;
}

const verdicts = new Map<string, boolean>();

export function isGlobalType(type: string): boolean {
  let v = verdicts.get(type);
  if (v === undefined) {
    const parts = tokenParts(type);
    v = !!parts && modules.has(parts[0]) && !(parts[0] === "route53" && /^(resolver|profiles)/.test(parts[1]));
    verdicts.set(type, v);
  }
  return v;
}
