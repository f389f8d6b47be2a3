/**
 * The resources of the synthetic stack export: one "round" holds one of each kind below (about 25
 * resources across the types both policy packs and awsguard cover), and rounds repeat until the export
 * holds the requested count. Every fourth round is violating, with the violation rotating among
 * several per kind (an unencrypted store, AES256 instead of a customer-managed key, a replica or a
 * provider outside Australia, IMDSv1, a public 0.0.0.0/0 ingress, plain HTTP, no TLS-only policy).
 * Property names are @pulumi/aws 7.48's.
 */

export const ACCOUNT = "555555555555";
export const AU = "ap-southeast-2";

export interface SynthResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  /** Which provider manages it: the Sydney one (default) or the us-east-1 one. */
  readonly provider?: "au" | "us";
  /** Input name -> names (in this round) of the resources it was computed from. */
  readonly deps?: Readonly<Record<string, readonly string[] | undefined>>;
  readonly protect?: boolean;
  readonly retainOnDelete?: boolean;
  /** The physical id; default: the name. */
  readonly id?: string;
  /** Computed outputs besides the inputs (arn, ...). */
  readonly computed?: Record<string, unknown>;
}

export interface Round {
  readonly index: number;
  readonly bad: boolean;
  /** Which of a kind's violations this round shows. */
  readonly variant: number;
}

const tags = (r: Round, tier: string) => ({ environment: "bench", owner: "platform", "data-classification": "confidential", tier, tenant: `t${r.index % 50}` });
const keyArn = (r: Round, region = AU) => `arn:aws:kms:${region}:${ACCOUNT}:key/0000${String(r.index).padStart(4, "0")}-bench-4000-8000-${String(r.index).padStart(12, "0")}`;
const tlsOnly = (bucket: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
    ],
  });
const tlsDeny = (action: string, resource: string) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: action, Resource: resource, Condition: { Bool: { "aws:SecureTransport": "false" } } }] });
const readOnly = (bucket: string) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${bucket}/*` }] });
const keyPolicy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "Admin", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }] });

type Kind = (r: Round) => SynthResource[];

const kms: Kind = (r) => [
  {
    type: "aws:kms/key:Key",
    name: `key-${r.index}`,
    id: keyArn(r).split("/")[1],
    inputs: {
      description: `bench key ${r.index}`,
      enableKeyRotation: !(r.bad && r.variant === 0),
      deletionWindowInDays: 30,
      multiRegion: r.bad && r.variant === 1,
      policy: keyPolicy,
      tags: tags(r, "data"),
    },
    provider: r.bad && r.variant === 2 ? "us" : "au",
    protect: true,
    retainOnDelete: true,
    computed: { arn: keyArn(r, r.bad && r.variant === 2 ? "us-east-1" : AU), keyId: keyArn(r).split("/")[1] },
  },
];

const bucket: Kind = (r) => {
  const b = `bench-data-${r.index}`;
  const bad = (v: number) => r.bad && r.variant === v;
  return [
    { type: "aws:s3/bucket:Bucket", name: b, inputs: { bucket: b, forceDestroy: false, tags: tags(r, "data"), ...(bad(3) ? { region: "us-east-1" } : {}) }, protect: true, retainOnDelete: true, computed: { arn: `arn:aws:s3:::${b}`, bucketDomainName: `${b}.s3.amazonaws.com` } },
    {
      type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      name: `${b}-sse`,
      inputs: { bucket: b, rules: [{ applyServerSideEncryptionByDefault: bad(0) ? { sseAlgorithm: "AES256" } : { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn(r) }, bucketKeyEnabled: true }] },
      deps: { bucket: [b], rules: [`key-${r.index}`] },
    },
    { type: "aws:s3/bucketPolicy:BucketPolicy", name: `${b}-policy`, inputs: { bucket: b, policy: bad(1) ? readOnly(b) : tlsOnly(b) }, deps: { bucket: [b] } },
    {
      type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      name: `${b}-public-access`,
      inputs: { bucket: b, blockPublicAcls: true, blockPublicPolicy: !bad(2), ignorePublicAcls: true, restrictPublicBuckets: !bad(2) },
      deps: { bucket: [b] },
    },
    { type: "aws:s3/bucketVersioning:BucketVersioning", name: `${b}-versioning`, inputs: { bucket: b, versioningConfiguration: { status: "Enabled" } }, deps: { bucket: [b] } },
  ];
};

const compute: Kind = (r) => {
  const bad = (v: number) => r.bad && r.variant === v;
  return [
    {
      type: "aws:ec2/instance:Instance",
      name: `app-${r.index}`,
      id: `i-${(0x10000000 + r.index).toString(16)}`,
      inputs: {
        ami: "ami-0123456789abcdef0",
        instanceType: "t3.medium",
        subnetId: `subnet-app-${r.index % 6}`,
        associatePublicIpAddress: bad(2),
        monitoring: true,
        metadataOptions: { httpEndpoint: "enabled", httpTokens: bad(1) ? "optional" : "required", httpPutResponseHopLimit: 1 },
        rootBlockDevice: { encrypted: !bad(0), ...(bad(0) ? {} : { kmsKeyId: keyArn(r) }), volumeSize: 30, volumeType: "gp3", deleteOnTermination: true },
        ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true, kmsKeyId: keyArn(r), volumeSize: 100, volumeType: "gp3", deleteOnTermination: true }],
        tags: tags(r, "app"),
      },
      deps: { rootBlockDevice: [`key-${r.index}`], ebsBlockDevices: [`key-${r.index}`] },
    },
    {
      type: "aws:ebs/volume:Volume",
      name: `vol-${r.index}`,
      id: `vol-${(0x20000000 + r.index).toString(16)}`,
      inputs: { availabilityZone: `${AU}${"abc"[r.index % 3]}`, size: 100, type: "gp3", encrypted: !bad(3), ...(bad(3) ? {} : { kmsKeyId: keyArn(r) }), tags: tags(r, "app") },
      deps: { kmsKeyId: [`key-${r.index}`] },
      retainOnDelete: true,
    },
  ];
};

const databases: Kind = (r) => {
  const bad = (v: number) => r.bad && r.variant === v;
  const pg = `db-params-${r.index}`;
  return [
    { type: "aws:rds/parameterGroup:ParameterGroup", name: pg, inputs: { name: pg, family: "postgres16", parameters: [{ name: "rds.force_ssl", value: bad(1) ? "0" : "1", applyMethod: "pending-reboot" }] } },
    {
      type: "aws:rds/instance:Instance",
      name: `db-${r.index}`,
      inputs: {
        identifier: `db-${r.index}`,
        engine: "postgres",
        engineVersion: "16.4",
        instanceClass: "db.t4g.medium",
        allocatedStorage: 50,
        storageEncrypted: !bad(0),
        ...(bad(0) ? {} : { kmsKeyId: keyArn(r) }),
        publiclyAccessible: bad(2),
        backupRetentionPeriod: 7,
        multiAz: true,
        deletionProtection: true,
        parameterGroupName: pg,
        username: "app",
        password: "[secret]",
        tags: tags(r, "data"),
      },
      deps: { parameterGroupName: [pg], kmsKeyId: [`key-${r.index}`] },
      protect: true,
      retainOnDelete: true,
    },
    {
      type: "aws:dynamodb/table:Table",
      name: `table-${r.index}`,
      inputs: {
        name: `table-${r.index}`,
        billingMode: "PAY_PER_REQUEST",
        hashKey: "pk",
        attributes: [{ name: "pk", type: "S" }],
        serverSideEncryption: { enabled: !bad(0), ...(bad(0) ? {} : { kmsKeyArn: keyArn(r) }) },
        replicas: [{ regionName: bad(3) ? "us-west-2" : "ap-southeast-4", kmsKeyArn: keyArn(r, bad(3) ? "us-west-2" : "ap-southeast-4") }],
        pointInTimeRecovery: { enabled: true },
        streamEnabled: true,
        streamViewType: "NEW_AND_OLD_IMAGES",
        tags: tags(r, "data"),
      },
      protect: true,
      retainOnDelete: true,
    },
    { type: "aws:redshift/parameterGroup:ParameterGroup", name: `warehouse-params-${r.index}`, inputs: { name: `warehouse-params-${r.index}`, family: "redshift-1.0", parameters: [{ name: "require_ssl", value: "true" }] } },
    {
      type: "aws:redshift/cluster:Cluster",
      name: `warehouse-${r.index}`,
      inputs: {
        clusterIdentifier: `warehouse-${r.index}`,
        nodeType: "ra3.xlplus",
        numberOfNodes: 2,
        encrypted: !bad(2),
        ...(bad(2) ? {} : { kmsKeyId: keyArn(r) }),
        clusterParameterGroupName: `warehouse-params-${r.index}`,
        publiclyAccessible: false,
        automatedSnapshotRetentionPeriod: 7,
        masterUsername: "admin",
        masterPassword: "[secret]",
        tags: tags(r, "data"),
      },
      deps: { clusterParameterGroupName: [`warehouse-params-${r.index}`], kmsKeyId: [`key-${r.index}`] },
      protect: true,
      retainOnDelete: true,
    },
    {
      type: "aws:efs/fileSystem:FileSystem",
      name: `files-${r.index}`,
      id: `fs-${(0x40000000 + r.index).toString(16)}`,
      inputs: { encrypted: !bad(1), ...(bad(1) ? {} : { kmsKeyId: keyArn(r) }), performanceMode: "generalPurpose", throughputMode: "elastic", tags: tags(r, "data") },
      retainOnDelete: true,
      computed: { arn: `arn:aws:elasticfilesystem:${AU}:${ACCOUNT}:file-system/fs-${(0x40000000 + r.index).toString(16)}` },
    },
    {
      type: "aws:efs/fileSystemPolicy:FileSystemPolicy",
      name: `files-${r.index}-policy`,
      inputs: { fileSystemId: `fs-${(0x40000000 + r.index).toString(16)}`, policy: tlsDeny("elasticfilesystem:*", `arn:aws:elasticfilesystem:${AU}:${ACCOUNT}:file-system/fs-${(0x40000000 + r.index).toString(16)}`) },
      deps: { fileSystemId: [`files-${r.index}`] },
    },
    {
      type: "aws:elasticsearch/domain:Domain",
      name: `search-${r.index}`,
      inputs: {
        domainName: `search-${r.index}`,
        elasticsearchVersion: "7.10",
        encryptAtRest: { enabled: !bad(3), ...(bad(3) ? {} : { kmsKeyId: keyArn(r) }) },
        nodeToNodeEncryption: { enabled: true },
        domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-2019-07" },
        vpcOptions: { subnetIds: [`subnet-data-${r.index % 3}`], securityGroupIds: [`sg-data-${r.index % 3}`] },
        tags: tags(r, "data"),
      },
      retainOnDelete: true,
    },
  ];
};

const messaging: Kind = (r) => {
  const bad = (v: number) => r.bad && r.variant === v;
  return [
    {
      type: "aws:sqs/queue:Queue",
      name: `queue-${r.index}`,
      inputs: { name: `queue-${r.index}`, messageRetentionSeconds: 345600, ...(bad(0) ? { sqsManagedSseEnabled: false } : { kmsMasterKeyId: keyArn(r) }), policy: tlsDeny("sqs:*", `arn:aws:sqs:${AU}:${ACCOUNT}:queue-${r.index}`), tags: tags(r, "app") },
    },
    {
      type: "aws:sns/topic:Topic",
      name: `topic-${r.index}`,
      inputs: { name: `topic-${r.index}`, ...(bad(1) ? {} : { kmsMasterKeyId: keyArn(r) }), policy: tlsDeny("sns:*", `arn:aws:sns:${AU}:${ACCOUNT}:topic-${r.index}`), tags: tags(r, "app") },
    },
    { type: "aws:cloudwatch/logGroup:LogGroup", name: `logs-${r.index}`, inputs: { name: `/bench/app-${r.index}`, retentionInDays: 365, ...(bad(2) ? {} : { kmsKeyId: keyArn(r) }), tags: tags(r, "app") }, provider: bad(3) ? "us" : "au" },
    {
      type: "aws:secretsmanager/secret:Secret",
      name: `secret-${r.index}`,
      inputs: { name: `bench/secret-${r.index}`, kmsKeyId: keyArn(r), recoveryWindowInDays: 30, replicas: [{ region: bad(0) ? "eu-west-1" : "ap-southeast-4", kmsKeyId: keyArn(r, "ap-southeast-4") }], tags: tags(r, "app") },
    },
  ];
};

const network: Kind = (r) => {
  const bad = (v: number) => r.bad && r.variant === v;
  const vpc = `vpc-${r.index}`;
  const cidr = `10.${r.index % 250}.0.0/16`;
  return [
    { type: "aws:ec2/vpc:Vpc", name: vpc, id: `vpc-${(0x30000000 + r.index).toString(16)}`, inputs: { cidrBlock: cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: tags(r, "app") } },
    { type: "aws:ec2/flowLog:FlowLog", name: `${vpc}-flow-logs`, inputs: { vpcId: vpc, trafficType: "ALL", logDestinationType: "s3", logDestination: `arn:aws:s3:::bench-flow-logs/${vpc}` }, deps: { vpcId: [vpc] } },
    {
      type: "aws:ec2/securityGroup:SecurityGroup",
      name: `${vpc}-app`,
      inputs: { vpcId: vpc, description: "app tier", ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [bad(0) ? "0.0.0.0/0" : cidr] }], egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: [cidr] }], tags: tags(r, "app") },
      deps: { vpcId: [vpc] },
    },
    {
      type: "aws:lb/loadBalancer:LoadBalancer",
      name: `alb-${r.index}`,
      inputs: { name: `alb-${r.index}`, internal: true, loadBalancerType: "application", subnets: [`subnet-app-0`, `subnet-app-1`], enableDeletionProtection: true, dropInvalidHeaderFields: true, accessLogs: { bucket: "bench-alb-logs", enabled: !bad(2) }, tags: tags(r, "app") },
    },
    {
      type: "aws:lb/listener:Listener",
      name: `alb-${r.index}-https`,
      inputs: bad(1)
        ? { loadBalancerArn: `alb-${r.index}`, port: 80, protocol: "HTTP", defaultActions: [{ type: "forward", targetGroupArn: `tg-${r.index}` }] }
        : { loadBalancerArn: `alb-${r.index}`, port: 443, protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", certificateArn: `arn:aws:acm:${AU}:${ACCOUNT}:certificate/bench-${r.index}`, defaultActions: [{ type: "forward", targetGroupArn: `tg-${r.index}` }] },
      deps: { loadBalancerArn: [`alb-${r.index}`] },
    },
    { type: "aws:apigateway/restApi:RestApi", name: `api-${r.index}`, inputs: { name: `api-${r.index}`, endpointConfiguration: { types: bad(3) ? "EDGE" : "REGIONAL" }, tags: tags(r, "dmz") } },
    {
      type: "aws:cloudtrail/trail:Trail",
      name: `trail-${r.index}`,
      inputs: { name: `trail-${r.index}`, s3BucketName: `bench-data-${r.index}`, isMultiRegionTrail: false, enableLogFileValidation: true, includeGlobalServiceEvents: true, kmsKeyId: keyArn(r), tags: tags(r, "app") },
      deps: { s3BucketName: [`bench-data-${r.index}`], kmsKeyId: [`key-${r.index}`] },
    },
  ];
};

/** The kinds, in the order a round emits them (the key first: the others refer to it). */
export const KINDS: readonly Kind[] = [kms, bucket, compute, databases, messaging, network];

/** How many distinct violations each round's kinds rotate through. */
export const VARIANTS = 4;
