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

/**
 * The same services in AWS Cloud Control (`aws-native:<module>:<Type>`, modules named after
 * CloudFormation's `AWS::<Service>`): their resources have no region of their own either. Route 53
 * Resolver and Profiles are modules of their own there (route53resolver, route53profiles): regional.
 */
export const GLOBAL_NATIVE_MODULES: readonly string[] = [
  "iam",
  "organizations",
  "cloudfront",
  "globalaccelerator",
  "shield",
  "networkmanager",
  "route53",
  "route53recoverycontrol",
  "route53recoveryreadiness",
  "budgets",
  "ce",
];

const modules = new Set(GLOBAL_MODULES);
const nativeModules = new Set(GLOBAL_NATIVE_MODULES);

/** `aws:<module>/<resource>:<Type>` -> [module, resource]. */
export function tokenParts(type: string): [string, string] | undefined {
  const m = /^aws:([^/]+)\/([^:]+):/.exec(type);
  return m ? [m[1], m[2]] : undefined;
}

/** AWS resource types: the bridged provider's (`aws:`) and Cloud Control's (`aws-native:`). */
export function isAwsResourceType(type: string): boolean {
  return type.startsWith("aws:") || type.startsWith("aws-native:");
}

/** The providers that place AWS resources. */
export const AWS_PROVIDER_TYPES: readonly string[] = ["pulumi:providers:aws", "pulumi:providers:aws-native"];

const verdicts = new Map<string, boolean>();

export function isGlobalType(type: string): boolean {
  let v = verdicts.get(type);
  if (v === undefined) {
    if (type.startsWith("aws-native:")) {
      v = nativeModules.has(type.split(":")[1]);
    } else {
      const parts = tokenParts(type);
      v = !!parts && modules.has(parts[0]) && !(parts[0] === "route53" && /^(resolver|profiles)/.test(parts[1]));
    }
    verdicts.set(type, v);
  }
  return v;
}
