import { LzPolicy } from "../lib/policy";
import { isUnknown } from "../lib/unknown";
import { Props, str } from "../lib/values";
import { preflightResource } from "./constraint";

/** Names and documents AWS validates on create: S3 buckets, IAM roles and policies, CloudTrail trails. */

/** Why `name` is not a valid general purpose bucket name, or undefined. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `is ${name.length} characters (3-63)`;
  if (!/^[a-z0-9.-]+$/.test(name)) return "has characters other than lowercase letters, digits, dots and hyphens";
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return "does not begin and end with a letter or digit";
  if (name.includes("..")) return "has two adjacent periods";
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return "is formatted as an IP address";
  for (const prefix of ["xn--", "sthree-", "amzn-s3-demo-"]) if (name.startsWith(prefix)) return `starts with the reserved prefix ${prefix}`;
  for (const suffix of ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]) if (name.endsWith(suffix)) return `ends with the reserved suffix ${suffix}`;
  return undefined;
}

export const s3BucketName = preflightResource({
  name: "s3-bucket-name",
  description: "An S3 general purpose bucket name must follow S3's bucket naming rules.",
  types: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
  fix: "Use 3-63 lowercase letters, digits, hyphens (and dots), beginning and ending with a letter or digit, without S3's reserved prefixes and suffixes; derive it from the account id for uniqueness.",
  constraint: {
    rule: "bucket names are 3-63 characters of lowercase letters, numbers, dots and hyphens, begin and end with a letter or number, have no two adjacent periods, are not formatted as an IP address, do not start with xn--, sthree- or amzn-s3-demo-, and do not end with -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3",
    source: "Amazon S3 User Guide, General purpose bucket naming rules",
  },
  validate(p, ctx, report) {
    const name = str(p.bucket);
    if (!name) return;
    const problem = bucketNameProblem(name);
    if (problem) report(`${ctx.name}: bucket name ${JSON.stringify(name)} ${problem}`);
  },
});

const IAM_NAME = /^[\w+=,.@-]+$/;
const IAM_PATH = /^\/([\x21-\x7e]+\/)?$/;

/** The characters IAM counts in a policy document: whitespace is not counted. */
export function iamPolicySize(doc: string): number {
  return doc.replace(/\s/g, "").length;
}

function sizeProblem(what: string, doc: unknown, max: number): string | undefined {
  if (typeof doc !== "string" || isUnknown(doc)) return undefined;
  const size = iamPolicySize(doc);
  return size > max ? `${what} is ${size} characters (whitespace excluded), over ${max}` : undefined;
}

export const iamRoleFields = preflightResource({
  name: "iam-role-fields",
  description: "An IAM role's name, path, session duration and trust policy must fit what CreateRole accepts.",
  types: ["aws:iam/role:Role"],
  fix: "Name the role with at most 64 of [A-Za-z0-9+=,.@_-], give a path that begins and ends with /, a maxSessionDuration of 3600-43200 seconds, and a trust policy of at most 2,048 characters.",
  constraint: {
    rule: "RoleName is 1-64 characters of [\\w+=,.@-]; Path is 1-512 characters beginning and ending with /; MaxSessionDuration is 3600-43200 seconds; the role trust policy is at most 2,048 characters (default quota) with whitespace not counted",
    source: "IAM API Reference, CreateRole; IAM User Guide, IAM and AWS STS quotas",
  },
  validate(p: Props, ctx, report) {
    const name = str(p.name);
    if (name !== undefined && (name.length > 64 || !IAM_NAME.test(name))) report(`${ctx.name}: role name ${JSON.stringify(name)} is ${name.length} characters${IAM_NAME.test(name) ? "" : " with characters outside [\\w+=,.@-]"}`);
    const prefix = str(p.namePrefix);
    // The provider appends 26 characters to namePrefix, so the name would be over 64.
    if (prefix !== undefined && prefix.length > 38) report(`${ctx.name}: namePrefix ${JSON.stringify(prefix)} is ${prefix.length} characters; with the 26 the provider appends the name is over 64`);
    const path = str(p.path);
    if (path !== undefined && (path.length > 512 || !IAM_PATH.test(path))) report(`${ctx.name}: path ${JSON.stringify(path)} does not begin and end with / (or is over 512 characters)`);
    const d = p.maxSessionDuration;
    if (typeof d === "number" && (d < 3600 || d > 43200)) report(`${ctx.name}: maxSessionDuration is ${d} seconds`);
    const trust = sizeProblem("the trust policy (assumeRolePolicy)", p.assumeRolePolicy, 2048);
    if (trust) report(`${ctx.name}: ${trust}`);
  },
});

export const iamPolicyDocuments = preflightResource({
  name: "iam-policy-documents",
  description: "IAM managed and inline policies must fit IAM's name and size quotas.",
  types: ["aws:iam/policy:Policy", "aws:iam/rolePolicy:RolePolicy"],
  fix: "Split the policy (managed: at most 6,144 characters; a role's inline policies: 10,240 together) or shorten its lists; name it with at most 128 characters.",
  constraint: {
    rule: "a managed policy is at most 6,144 characters and a role's inline policies at most 10,240 characters together, whitespace not counted; policy names are at most 128 characters",
    source: "IAM User Guide, IAM and AWS STS quotas; IAM API Reference, CreatePolicy and PutRolePolicy",
  },
  validate(p, ctx, report) {
    const managed = ctx.type === "aws:iam/policy:Policy";
    const name = str(p.name);
    if (name !== undefined && name.length > 128) report(`${ctx.name}: policy name is ${name.length} characters, over 128`);
    const size = sizeProblem(managed ? "the managed policy" : "the inline policy", p.policy, managed ? 6144 : 10240);
    if (size) report(`${ctx.name}: ${size}`);
  },
});

export const cloudtrailTrailName = preflightResource({
  name: "cloudtrail-trail-name",
  description: "A CloudTrail trail name must follow CloudTrail's naming requirements.",
  types: ["aws:cloudtrail/trail:Trail"],
  fix: "Use 3-128 letters, digits, periods, underscores and dashes, starting and ending with a letter or digit, without adjacent separators.",
  constraint: {
    rule: "a trail name contains only ASCII letters, numbers, periods, underscores and dashes, starts with a letter or number and ends with one, is 3-128 characters, has no adjacent periods, underscores or dashes, and is not formatted as an IP address",
    source: "AWS CloudTrail API Reference, CreateTrail (Name)",
  },
  validate(p, ctx, report) {
    const name = str(p.name);
    if (!name) return;
    const ok = name.length >= 3 && name.length <= 128 && /^[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]$/.test(name) && !/[._-]{2}/.test(name) && !/^\d{1,3}(\.\d{1,3}){3}$/.test(name);
    if (!ok) report(`${ctx.name}: trail name ${JSON.stringify(name)} breaks the naming rules`);
  },
});

export const namePolicies: readonly LzPolicy[] = [s3BucketName, iamRoleFields, iamPolicyDocuments, cloudtrailTrailName];
