import { hex, organizationId, organizationRootId, uuid } from "./fakeIds";
import { accountZones } from "./zones";

/** What a data-source call needs to know about where it runs. */
export interface InvokeContext {
  readonly stack: string;
  /** The calling provider's region (or the stack's). */
  readonly region: string;
  /** The calling provider's account (or the stack's). */
  readonly account: string;
  readonly deploymentRoleName: string;
  readonly managementAccount: string;
}

type Answer = (inputs: Record<string, any>, c: InvokeContext) => Record<string, unknown>;

/**
 * Offline answers to data-source calls. An unknown token is an error on purpose: a data source the
 * engine does not know would otherwise be answered with nothing, and a test would pass on nonsense.
 */
const ANSWERS: Record<string, Answer> = {
  "aws:index/getCallerIdentity:getCallerIdentity": (_i, c) => ({
    accountId: c.account,
    arn: `arn:aws:sts::${c.account}:assumed-role/${c.deploymentRoleName}/landing-zone-${c.stack}`,
    userId: `AROAEXAMPLE:landing-zone-${c.stack}`,
    id: c.account,
  }),
  "aws:index/getRegion:getRegion": (i, c) => {
    const region = i.region ?? i.name ?? c.region;
    return { id: region, name: region, region, endpoint: `ec2.${region}.amazonaws.com`, description: region === "ap-southeast-4" ? "Asia Pacific (Melbourne)" : "Asia Pacific (Sydney)" };
  },
  // The calling account's own map of names to IDs (cli/engine/zones.ts): in Sydney it differs by account.
  "aws:index/getAvailabilityZones:getAvailabilityZones": (i, c) => {
    const region = i.region ?? c.region;
    const zones = accountZones(region, c.account);
    return { id: region, names: zones.map((z) => z.name), zoneIds: zones.map((z) => z.id), groupNames: zones.map(() => region), state: i.state ?? "available" };
  },
  "aws:index/getAvailabilityZone:getAvailabilityZone": (i, c) => {
    const region = i.region ?? c.region;
    const zone = accountZones(region, c.account).find((z) => (i.zoneId === undefined || z.id === i.zoneId) && (i.name === undefined || z.name === i.name));
    if (!zone) throw new Error(`no availability zone ${i.name ?? i.zoneId} in ${region}`);
    return { id: zone.name, name: zone.name, zoneId: zone.id, region, nameSuffix: zone.name.slice(region.length), groupName: region, groupLongName: region, networkBorderGroup: region, optInStatus: "opt-in-not-required", parentZoneId: "", parentZoneName: "", state: "available", zoneType: "availability-zone" };
  },
  "aws:index/getPartition:getPartition": () => ({ id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" }),
  // The detector GuardDuty created when this account became its delegated administrator.
  "aws:guardduty/getDetector:getDetector": (i, c) => {
    const region = i.region ?? c.region;
    const id = i.id ?? hex(`detector:${c.account}:${region}`, 32);
    return { id, arn: `arn:aws:guardduty:${region}:${c.account}:detector/${id}`, region, status: "ENABLED", findingPublishingFrequency: "SIX_HOURS", serviceRoleArn: `arn:aws:iam::${c.account}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`, features: [], tags: {} };
  },
  "aws:organizations/getOrganization:getOrganization": (_i, c) => {
    const id = organizationId(c.managementAccount);
    const root = organizationRootId(c.managementAccount);
    return {
      id,
      arn: `arn:aws:organizations::${c.managementAccount}:organization/${id}`,
      masterAccountId: c.managementAccount,
      masterAccountArn: `arn:aws:organizations::${c.managementAccount}:account/${id}/${c.managementAccount}`,
      masterAccountEmail: "management@example.com",
      featureSet: "ALL",
      roots: [{ id: root, arn: `arn:aws:organizations::${c.managementAccount}:root/${id}/${root}`, name: "Root", policyTypes: [] }],
      accounts: [],
      nonMasterAccounts: [],
      awsServiceAccessPrincipals: [],
      enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"],
    };
  },
  // Identity Center (issue #3): the organisation's one instance, in the caller's region.
  "aws:ssoadmin/getInstances:getInstances": (_i, c) => ({
    id: c.region,
    region: c.region,
    arns: [`arn:aws:sso:::instance/ssoins-${hex(`sso:${c.managementAccount}`, 16)}`],
    identityStoreIds: [`d-${hex(`idstore:${c.managementAccount}`, 10)}`],
  }),
  // A group the identity provider (Okta) synchronised, found by display name as the real data source does.
  "aws:identitystore/getGroup:getGroup": (i, c) => {
    const displayName = i.alternateIdentifier?.uniqueAttribute?.attributeValue;
    if (i.alternateIdentifier?.uniqueAttribute?.attributePath !== "DisplayName" || typeof displayName !== "string") {
      throw new Error("lz plan answers aws:identitystore/getGroup only by alternateIdentifier.uniqueAttribute DisplayName");
    }
    const groupId = uuid(`group:${i.identityStoreId}:${displayName}`);
    return { id: groupId, groupId, displayName, description: "", identityStoreId: i.identityStoreId, region: c.region, externalIds: [{ id: hex(`okta:${displayName}`, 20), issuer: "okta" }] };
  },
};

/** Registers offline answers for more data sources. */
export function registerInvokes(entries: Record<string, Answer>): void {
  Object.assign(ANSWERS, entries);
}

export function answerInvoke(token: string, inputs: Record<string, any>, c: InvokeContext): Record<string, unknown> {
  const answer = ANSWERS[token];
  if (!answer) {
    throw new Error(`lz plan has no offline answer for the data source ${token}; add one to cli/engine/invokes.ts`);
  }
  return answer(inputs, c);
}
