import { isPublicAllow, statements } from "../lib/iam";
import { stackPolicy } from "../lib/policy";
import { BUCKET_TYPES, bucketPolicyDocs } from "../lib/s3";
import { ViewResource } from "../lib/stack";
import { flag, Props, str } from "../lib/values";

/**
 * No public S3: every bucket is covered by a public access block with all four settings on (its own
 * BucketPublicAccessBlock, or an account-wide AccountPublicAccessBlock in the same stack), and no ACL
 * or bucket policy grants public access.
 */

const BUCKET_PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const ACCOUNT_PAB = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
const ACLS = ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"];
const SETTINGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
const PUBLIC_ACLS = ["public-read", "public-read-write", "authenticated-read"];

function missingSettings(p: Props): string[] {
  return SETTINGS.filter((s) => flag(p[s]) !== true);
}

export const s3NoPublicAccess = stackPolicy({
  name: "s3-no-public-access",
  description: "S3 buckets must not be public: all four public access block settings on, no public ACLs, no policy statements allowing everyone.",
  types: [...BUCKET_TYPES, BUCKET_PAB, ACCOUNT_PAB, ...ACLS],
  fix: "Add an aws.s3.BucketPublicAccessBlock for the bucket with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets true (or an account-wide AccountPublicAccessBlock).",
  validate(stack, _ctx, report) {
    const account = stack.ofType(ACCOUNT_PAB).find((a) => missingSettings(a.props).length === 0);
    for (const a of stack.ofType(ACCOUNT_PAB)) {
      const miss = missingSettings(a.props);
      if (miss.length) report(a.urn, `${miss.join(", ")} ${miss.length > 1 ? "are" : "is"} not true on the account public access block; set all four to true.`);
    }
    for (const b of stack.ofType(...BUCKET_TYPES)) {
      if (!account) checkBlock(b);
      const acl = str(b.props.acl);
      if (acl && PUBLIC_ACLS.includes(acl)) report(b.urn, `acl is ${JSON.stringify(acl)}; remove it (buckets are private by default) and grant access through a bucket policy to named principals.`);
      for (const a of stack.referrers(b, ACLS, "bucket")) {
        const v = str(a.props.acl);
        if (v && PUBLIC_ACLS.includes(v)) report(a.urn, `acl is ${JSON.stringify(v)} on bucket ${b.name}; use "private".`);
      }
      for (const d of bucketPolicyDocs(stack, b)) {
        if (statements(d.doc).some(isPublicAllow)) report(b.urn, `the bucket policy (${d.where}) allows everyone ("Principal": "*") without a condition; name the principals, or add a condition such as aws:SourceVpce or aws:PrincipalOrgID.`);
      }
    }

    function checkBlock(b: ViewResource): void {
      const blocks = stack.referrers(b, [BUCKET_PAB], "bucket");
      if (blocks.length === 0) {
        report(b.urn, `bucket ${b.name} has no public access block; add an aws.s3.BucketPublicAccessBlock { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }.`);
        return;
      }
      for (const blk of blocks) {
        const miss = missingSettings(blk.props);
        if (miss.length) report(blk.urn, `public access block ${blk.name} of bucket ${b.name} leaves ${miss.join(", ")} off; set ${miss.length > 1 ? "them" : "it"} to true.`);
      }
    }
  },
});
