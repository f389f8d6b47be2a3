import { networkPerimeterStatement, NetworkPerimeter, S3_DATA_ACTIONS } from "./tenantPerimeter";
import { policyDocument, PolicyDocument, Statement } from "./tenantPolicyDocument";

/**
 * The tenant bucket's policy. It grants nothing to the tenant (the tenant role's own policy does);
 * it denies requests without TLS, object reads by anyone but the tenant's own principals, and writes
 * that ask for another key or another kind of encryption than the tenant's key. With deliveries
 * (`shares` of other tenants' files), it grants each sender `s3:PutObject` under
 * `inbound/<sender>/` only, and denies senders everything else, and every other tenant role
 * everything, by name. With the network perimeter, object reads and writes must come through the
 * VPC's S3 endpoint.
 */
export interface TenantBucketPolicyArgs {
  readonly bucketArn: string;
  readonly keyArn: string;
  readonly tenantRoleArn: string;
  /** The tenant's other principals that read its objects: its SFTP role. Default none. */
  readonly ownAgentArns?: readonly string[];
  /** Tenants that deliver files here, each into `inbound/<from>/`. Default none. */
  readonly deliveries?: readonly Delivery[];
  /** ARN pattern of every tenant role of the account (`arn:aws:iam::<account>:role/tenant/*`): those not named here are denied. Default: not enforced. */
  readonly tenantRolePattern?: string;
  /** The VPC's S3 endpoint and the exempt principals. Default: no network perimeter. */
  readonly perimeter?: NetworkPerimeter;
}

/** A sender's grant, from the registry's shares. */
export interface Delivery {
  /** The sender's slug: its folder is `inbound/<from>/`. */
  readonly from: string;
  /** The sender's tenant role. */
  readonly roleArn: string;
}

/** Reading an object's content, in any of its forms. */
export const OBJECT_READ_ACTIONS = ["s3:GetObject", "s3:GetObjectAttributes", "s3:GetObjectVersion", "s3:GetObjectVersionAttributes"] as const;

/** Where a sender's files land in the recipient's bucket. */
export function inboundPrefix(from: string): string {
  return `inbound/${from}/`;
}

export function tenantBucketPolicy(a: TenantBucketPolicyArgs): PolicyDocument {
  const objects = `${a.bucketArn}/*`;
  const readers = [a.tenantRoleArn, ...(a.ownAgentArns ?? [])];
  const deliveries = [...(a.deliveries ?? [])].sort((x, y) => x.from.localeCompare(y.from));
  const senders = deliveries.map((d) => d.roleArn);
  const statements: Statement[] = [
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [a.bucketArn, objects],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
    {
      Sid: "OnlyTheTenantReadsObjects",
      Effect: "Deny",
      Principal: "*",
      Action: [...OBJECT_READ_ACTIONS],
      Resource: objects,
      Condition: { ArnNotEquals: { "aws:PrincipalArn": readers.length === 1 ? readers[0] : readers } },
    },
    {
      Sid: "DenyOtherEncryption",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: objects,
      // Only when the request names an encryption: without one, the bucket's default (the tenant key) applies.
      Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" }, Null: { "s3:x-amz-server-side-encryption": "false" } },
    },
    {
      Sid: "DenyOtherKeys",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: objects,
      Condition: {
        StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": a.keyArn },
        Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" },
      },
    },
  ];
  if (a.tenantRolePattern) {
    // Revoking a share turns the sender's access into an explicit deny, not just a missing allow.
    statements.push({
      Sid: "NoOtherTenant",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [a.bucketArn, objects],
      Condition: { ArnLike: { "aws:PrincipalArn": a.tenantRolePattern }, ArnNotEquals: { "aws:PrincipalArn": [...readers, ...senders] } },
    });
  }
  for (const d of deliveries) {
    const id = sidPart(d.from);
    // The sender's ARN is a condition, not a Principal: S3 rejects a policy naming a role that does
    // not exist yet, and the sender's role may be created in the same deployment.
    const sender = { ArnEquals: { "aws:PrincipalArn": d.roleArn } };
    statements.push(
      { Sid: `DeliverFrom${id}`, Effect: "Allow", Principal: "*", Action: "s3:PutObject", Resource: `${a.bucketArn}/${inboundPrefix(d.from)}*`, Condition: sender },
      { Sid: `${id}WritesOnlyItsInbound`, Effect: "Deny", Principal: "*", Action: "s3:PutObject", NotResource: `${a.bucketArn}/${inboundPrefix(d.from)}*`, Condition: sender },
    );
  }
  if (senders.length) {
    statements.push({ Sid: "SendersOnlyPut", Effect: "Deny", Principal: "*", NotAction: "s3:PutObject", Resource: [a.bucketArn, objects], Condition: { ArnEquals: { "aws:PrincipalArn": senders } } });
  }
  if (a.perimeter) statements.push(networkPerimeterStatement("DenyOutsideNetworkPerimeter", S3_DATA_ACTIONS, objects, a.perimeter));
  return policyDocument(statements);
}

/** A slug as a Sid fragment: Sids are letters and digits only. `acme-health` -> `AcmeHealth`. */
export function sidPart(slug: string): string {
  return slug
    .split("-")
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join("");
}
