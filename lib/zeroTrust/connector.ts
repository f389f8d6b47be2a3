import { logGroupKeyStatement } from "../iam/keyAdministration";
import { PolicyDocument } from "../iam/policyDocument";

/**
 * The cloudflared connector's network and IAM documents, as plain data: what its security group lets
 * out, its KMS key policy, and its roles' trust and permission policies.
 */

/** One egress rule of the connector's security group. */
export interface EgressRule {
  /** A stable key for names and tests. */
  readonly key: string;
  readonly protocol: "tcp" | "udp";
  readonly port: number;
  readonly cidrIpv4s: readonly string[];
  readonly cidrIpv6s: readonly string[];
  /** Why the connector needs it. */
  readonly description: string;
}

/**
 * Cloudflare's tunnel edge: region1 and region2.v2.argotunnel.com, reached on 7844 over QUIC (UDP)
 * or, as fallback, HTTP/2 (TCP). Source: developers.cloudflare.com "Tunnel with firewall".
 */
export const TUNNEL_EDGE_IPV4 = ["198.41.192.0/24", "198.41.200.0/24"] as const;
export const TUNNEL_EDGE_IPV6 = ["2606:4700:a0::/48", "2606:4700:a8::/48"] as const;
export const TUNNEL_PORT = 7844;

/**
 * What the connector may reach, and nothing else:
 * - the tunnel edge on 7844 TCP and UDP;
 * - HTTPS (443) anywhere, for what has no fixed address: `<team>.cloudflareaccess.com` (the keys
 *   cloudflared checks Access tokens with), api.cloudflare.com, the image registry, and the AWS APIs
 *   (Secrets Manager, CloudWatch Logs, ECR) through the VPC endpoints or central egress;
 * - the private origins, on their ports, inside the VPC.
 * DNS goes to the VPC resolver, which security groups do not filter.
 */
export function connectorEgress(vpcCidr: string, originPorts: readonly number[]): EgressRule[] {
  const rules: EgressRule[] = [
    { key: "edge-quic", protocol: "udp", port: TUNNEL_PORT, cidrIpv4s: TUNNEL_EDGE_IPV4, cidrIpv6s: TUNNEL_EDGE_IPV6, description: "cloudflared to the Cloudflare tunnel edge (QUIC)" },
    { key: "edge-http2", protocol: "tcp", port: TUNNEL_PORT, cidrIpv4s: TUNNEL_EDGE_IPV4, cidrIpv6s: TUNNEL_EDGE_IPV6, description: "cloudflared to the Cloudflare tunnel edge (HTTP/2 fallback)" },
    { key: "https", protocol: "tcp", port: 443, cidrIpv4s: ["0.0.0.0/0"], cidrIpv6s: [], description: "Access keys, Cloudflare API, image pulls and AWS APIs over HTTPS" },
  ];
  for (const port of [...new Set(originPorts)].filter((p) => p !== 443).sort((a, b) => a - b)) {
    rules.push({ key: `origin-${port}`, protocol: "tcp", port, cidrIpv4s: [vpcCidr], cidrIpv6s: [], description: `cloudflared to private origins on ${port} in the VPC` });
  }
  return rules;
}

/**
 * Trust for a role ECS tasks (or the ECS agent on their behalf) assume, in this account only. With
 * `tagSession`, the session may carry tags too (the apps' task role, whose sessions pass tags on).
 */
export function ecsTasksTrustPolicy(accountId: string, region: string, tagSession = false): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EcsTasksOfThisAccount",
        Effect: "Allow",
        Principal: { Service: "ecs-tasks.amazonaws.com" },
        Action: tagSession ? ["sts:AssumeRole", "sts:TagSession"] : "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": accountId },
          ArnLike: { "aws:SourceArn": `arn:aws:ecs:${region}:${accountId}:*` },
        },
      },
    ],
  };
}

/**
 * The connector key: the account administers it through IAM (without this statement nobody could
 * manage the key), CloudWatch Logs encrypts the connector's log group only, and principals of the
 * account use it through Secrets Manager only.
 */
export function connectorKeyPolicy(args: { accountId: string; region: string; logGroupName: string }): PolicyDocument {
  const { accountId, region } = args;
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministersThroughIam",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      logGroupKeyStatement("LogsEncryptTheConnectorLogGroup", args),
      {
        Sid: "SecretsManagerOnly",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"],
        Resource: "*",
        Condition: { StringEquals: { "kms:CallerAccount": accountId, "kms:ViaService": `secretsmanager.${region}.amazonaws.com` } },
      },
    ],
  };
}

/**
 * The ECR pull-through cache prefix for Docker Hub in a workload account. One rule per prefix and
 * account-region: the name is the landing zone's, so that it does not take a prefix others use.
 */
export const DOCKER_HUB_CACHE_PREFIX = "landing-zone-docker-hub";
export const DOCKER_HUB_REGISTRY = "registry-1.docker.io";
/** ECR reads upstream credentials only from secrets whose name starts with this. */
export const PULL_THROUGH_CACHE_SECRET_PREFIX = "ecr-pullthroughcache/";

const ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/(.+?)(:[\w.-]+|@sha256:[0-9a-f]{64})$/;

/** Is `image` in a private ECR registry (a mirrored repository)? */
export function isEcrImage(image: string): boolean {
  return ECR_IMAGE.test(image);
}

export interface ConnectorImage {
  /** What the task definition pulls: always a private ECR URI. */
  readonly uri: string;
  /** The repository ARN pattern the execution role may pull from. */
  readonly repositoryArn: string;
  /** When the image comes through the Docker Hub pull-through cache (not a mirrored repository). */
  readonly pullThroughCache: boolean;
}

/**
 * Where the task pulls cloudflared from. Fargate pulls through the task's subnets, which reach only
 * the VPC endpoints (ECR, S3) and the filtered egress, so the image must be in ECR: a Docker Hub
 * reference (`cloudflare/cloudflared:2025.4.0`) becomes the account's pull-through cache URI
 * (`<account>.dkr.ecr.<region>.amazonaws.com/landing-zone-docker-hub/cloudflare/cloudflared:2025.4.0`;
 * ECR fetches from Docker Hub itself, outside the VPC); an ECR URI is used as it is.
 */
export function connectorImage(image: string, accountId: string, region: string): ConnectorImage {
  const m = ECR_IMAGE.exec(image);
  if (m) return { uri: image, repositoryArn: `arn:aws:ecr:${m[2]}:${m[1]}:repository/${m[3]}`, pullThroughCache: false };
  const ref = image.replace(/^(docker\.io|registry-1\.docker\.io|index\.docker\.io)\//, "");
  const sep = ref.search(/[:@]/);
  const repo = ref.slice(0, sep);
  const full = repo.includes("/") ? repo : `library/${repo}`; // Docker Hub's official images live under library/
  return {
    uri: `${accountId}.dkr.ecr.${region}.amazonaws.com/${DOCKER_HUB_CACHE_PREFIX}/${full}${ref.slice(sep)}`,
    repositoryArn: `arn:aws:ecr:${region}:${accountId}:repository/${DOCKER_HUB_CACHE_PREFIX}/*`,
    pullThroughCache: true,
  };
}

/** The execution role reads the tunnel token, pulls the image from ECR, and writes the connector's logs, nothing more. */
export function connectorExecutionPolicy(args: { region: string; secretArn: string; keyArn: string; logGroupArn: string; image?: ConnectorImage }): PolicyDocument {
  const { region, secretArn, keyArn, logGroupArn } = args;
  const pull = args.image
    ? [
        { Sid: "EcrAuthorization", Effect: "Allow" as const, Action: "ecr:GetAuthorizationToken", Resource: "*" },
        {
          Sid: "PullConnectorImage",
          Effect: "Allow" as const,
          // The first pull through the cache creates the repository and imports the image.
          Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", ...(args.image.pullThroughCache ? ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"] : [])],
          Resource: args.image.repositoryArn,
        },
      ]
    : [];
  return {
    Version: "2012-10-17",
    Statement: [
      ...pull,
      { Sid: "ReadTunnelToken", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secretArn },
      {
        Sid: "DecryptTunnelToken",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: keyArn,
        Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` } },
      },
      { Sid: "WriteLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logGroupArn}:log-stream:*` },
    ],
  };
}

/** Where tenant roles live: the app task role may assume roles under this path only. */
export const TENANT_ROLE_PATH = "/tenant/";

/**
 * The apps' task role may assume tenant roles only, and only with a `tenant` session tag, which the
 * tenant role's trust policy then matches against its own slug. Typed by inference (literal Version
 * and Effect) so that it fits every PolicyDocument type in lib/iam (the tenant tests simulate it).
 */
export function appTaskPolicy(accountId: string) {
  return {
    Version: "2012-10-17" as const,
    Statement: [
      {
        Sid: "AssumeTenantRolesWithTenantTag",
        Effect: "Allow" as const,
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Resource: `arn:aws:iam::${accountId}:role${TENANT_ROLE_PATH}*`,
        Condition: { StringLike: { "aws:RequestTag/tenant": "?*" } },
      },
    ],
  };
}
