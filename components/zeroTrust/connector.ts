import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { connectorEgress, connectorExecutionPolicy, connectorImage, connectorKeyPolicy, DOCKER_HUB_CACHE_PREFIX, DOCKER_HUB_REGISTRY, ecsTasksTrustPolicy, PULL_THROUGH_CACHE_SECRET_PREFIX } from "../../lib/zeroTrust/connector";

export interface CloudflaredConnectorArgs {
  /** The account the connector runs in (for policy documents). */
  readonly accountId: string;
  /** The region the connector runs in (for policy documents and the log driver). */
  readonly region: string;
  /** The environment's short name, the stem of AWS names: `dev` gives cluster `dev-edge` and log group `/landing-zone/dev/cloudflared`. */
  readonly namePrefix: string;
  /** The workload VPC. */
  readonly vpcId: pulumi.Input<string>;
  /** The VPC's CIDR: the connector reaches origins inside it. */
  readonly vpcCidr: string;
  /** The app tier's subnets, one per AZ; the tasks get no public IP. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The tunnel token; a Pulumi secret. It is stored in Secrets Manager, never in the task definition. */
  readonly tunnelToken: pulumi.Input<string>;
  /** The cloudflared image, pinned by tag or digest: a Docker Hub reference (pulled through ECR's cache) or a private ECR URI. */
  readonly image: string;
  /** Docker Hub credentials for the pull-through cache (needed unless `image` is in ECR); the token is a Pulumi secret. */
  readonly dockerHub?: { readonly username: string; readonly accessToken: pulumi.Input<string> };
  /**
   * The account's Docker Hub pull-through cache rule is another stack's: a tenant cell's connector
   * pulls through its workload stack's rule (ECR takes one rule per prefix in a registry), so it
   * creates none and needs no Docker Hub credentials. Default false.
   */
  readonly sharedPullThroughCache?: boolean;
  /** Replicas of the connector. Default 2. */
  readonly desiredCount?: number;
  /** Days the logs are kept. Default 365. */
  readonly logRetentionDays?: number;
  /** Ports of the private origins besides 443 (which is always open). Default: none. */
  readonly originPorts?: readonly number[];
  /** The AWS provider (the stack's account). */
  readonly provider: aws.Provider;
}

/** The ECS names monitors and tests refer to. */
export const CONNECTOR_SERVICE_NAME = "cloudflared";

/**
 * cloudflared as an ECS Fargate service in the app tier: no public IP, a security group that lets out
 * only what the tunnel needs and nothing in, the tunnel token in a Secrets Manager secret under a
 * customer key (kept if the stack is destroyed), and logs in a log group under the same key.
 */
export class CloudflaredConnector extends pulumi.ComponentResource {
  readonly clusterName: pulumi.Output<string>;
  readonly clusterArn: pulumi.Output<string>;
  readonly serviceName: pulumi.Output<string>;
  readonly securityGroupId: pulumi.Output<string>;
  readonly keyArn: pulumi.Output<string>;
  readonly secretArn: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;

  constructor(name: string, args: CloudflaredConnectorArgs, opts?: pulumi.ComponentResourceOptions) {
    super("landing-zone:zeroTrust:CloudflaredConnector", name, {}, opts);
    const child = { parent: this, provider: args.provider };
    const desiredCount = args.desiredCount ?? 2;
    if (!Number.isInteger(desiredCount) || desiredCount < 1) throw new pulumi.ResourceError(`desiredCount must be a positive integer, got ${desiredCount}`, this);
    const logGroupName = `/landing-zone/${args.namePrefix}/cloudflared`;
    const tags = { component: "cloudflared", tier: "app" };

    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `cloudflared tunnel token and logs (${args.namePrefix})`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: JSON.stringify(connectorKeyPolicy({ accountId: args.accountId, region: args.region, logGroupName })),
        tags,
      },
      { ...child, protect: true, retainOnDelete: true },
    );
    new aws.kms.Alias(`${name}-key`, { name: `alias/landing-zone/${args.namePrefix}/cloudflared`, targetKeyId: key.keyId }, child);

    const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, { name: logGroupName, kmsKeyId: key.arn, retentionInDays: args.logRetentionDays ?? 365, tags }, child);

    const secret = new aws.secretsmanager.Secret(
      `${name}-token`,
      { name: `landing-zone/${args.namePrefix}/cloudflared/tunnel-token`, description: "The cloudflared tunnel token (TUNNEL_TOKEN)", kmsKeyId: key.arn, recoveryWindowInDays: 7, tags },
      child,
    );
    new aws.secretsmanager.SecretVersion(`${name}-token`, { secretId: secret.id, secretString: pulumi.secret(args.tunnelToken) }, child);

    // Fargate pulls through the app subnets, which reach only the VPC endpoints and the filtered
    // egress: the image comes from ECR, through the ecr.api, ecr.dkr and S3 endpoints.
    const image = connectorImage(args.image, args.accountId, args.region);
    let cacheRule: aws.ecr.PullThroughCacheRule | undefined;
    if (image.pullThroughCache && !args.sharedPullThroughCache) {
      if (!args.dockerHub) throw new pulumi.ResourceError(`${args.image} is a Docker Hub image: its pull-through cache needs Docker Hub credentials`, this);
      // ECR reads upstream credentials only from a secret named ecr-pullthroughcache/..., in the
      // rule's account and region; the connector key's Secrets Manager statement lets ECR decrypt it.
      const upstream = new aws.secretsmanager.Secret(
        `${name}-docker-hub`,
        { name: `${PULL_THROUGH_CACHE_SECRET_PREFIX}landing-zone/${args.namePrefix}/docker-hub`, description: "Docker Hub credentials for ECR's pull-through cache (cloudflared)", kmsKeyId: key.arn, recoveryWindowInDays: 7, tags },
        child,
      );
      const upstreamVersion = new aws.secretsmanager.SecretVersion(
        `${name}-docker-hub`,
        { secretId: upstream.id, secretString: pulumi.secret(pulumi.output(args.dockerHub.accessToken).apply((accessToken) => JSON.stringify({ username: args.dockerHub!.username, accessToken }))) },
        child,
      );
      cacheRule = new aws.ecr.PullThroughCacheRule(
        `${name}-docker-hub`,
        { ecrRepositoryPrefix: DOCKER_HUB_CACHE_PREFIX, upstreamRegistryUrl: DOCKER_HUB_REGISTRY, credentialArn: upstream.arn },
        { ...child, dependsOn: [upstreamVersion] },
      );
    }

    const executionRole = new aws.iam.Role(
      `${name}-execution`,
      { description: "ECS pulls the cloudflared image, reads its token and writes its logs", assumeRolePolicy: JSON.stringify(ecsTasksTrustPolicy(args.accountId, args.region)), tags },
      child,
    );
    const executionPolicy = new aws.iam.RolePolicy(
      `${name}-execution`,
      {
        role: executionRole.id,
        policy: pulumi
          .all([secret.arn, key.arn, logGroup.arn])
          .apply(([secretArn, keyArn, logGroupArn]) => JSON.stringify(connectorExecutionPolicy({ region: args.region, secretArn, keyArn, logGroupArn, image }))),
      },
      child,
    );

    const securityGroup = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        name: `${args.namePrefix}-cloudflared`,
        description: "cloudflared: nothing in; out to the tunnel edge (7844), HTTPS, and origins in the VPC",
        vpcId: args.vpcId,
        ingress: [],
        egress: connectorEgress(args.vpcCidr, args.originPorts ?? []).map((r) => ({
          description: r.description,
          protocol: r.protocol,
          fromPort: r.port,
          toPort: r.port,
          cidrBlocks: [...r.cidrIpv4s],
          ...(r.cidrIpv6s.length ? { ipv6CidrBlocks: [...r.cidrIpv6s] } : {}),
        })),
        revokeRulesOnDelete: true,
        tags: { ...tags, Name: `${args.namePrefix}-cloudflared` },
      },
      child,
    );

    const cluster = new aws.ecs.Cluster(
      `${name}-cluster`,
      { name: `${args.namePrefix}-edge`, settings: [{ name: "containerInsights", value: "enabled" }], tags },
      child,
    );

    const taskDefinition = new aws.ecs.TaskDefinition(
      `${name}-task`,
      {
        family: `${args.namePrefix}-cloudflared`,
        requiresCompatibilities: ["FARGATE"],
        networkMode: "awsvpc",
        cpu: "256",
        memory: "512",
        runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
        executionRoleArn: executionRole.arn,
        // No task role: cloudflared calls no AWS API, so the task gets no AWS credentials at all.
        containerDefinitions: secret.arn.apply((secretArn) =>
          JSON.stringify([
            {
              name: CONNECTOR_SERVICE_NAME,
              image: image.uri,
              essential: true,
              command: ["tunnel", "--no-autoupdate", "run"],
              secrets: [{ name: "TUNNEL_TOKEN", valueFrom: secretArn }],
              readonlyRootFilesystem: true,
              user: "65532:65532",
              linuxParameters: { initProcessEnabled: true, capabilities: { drop: ["ALL"] } },
              logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": logGroupName, "awslogs-region": args.region, "awslogs-stream-prefix": CONNECTOR_SERVICE_NAME } },
            },
          ]),
        ),
        tags,
      },
      { ...child, dependsOn: [executionPolicy, logGroup, ...(cacheRule ? [cacheRule] : [])] },
    );

    const service = new aws.ecs.Service(
      `${name}-service`,
      {
        name: CONNECTOR_SERVICE_NAME,
        cluster: cluster.arn,
        taskDefinition: taskDefinition.arn,
        launchType: "FARGATE",
        platformVersion: "1.4.0",
        desiredCount,
        // Replace tasks without ever dropping below the desired count: the tunnel stays up during a deploy.
        deploymentMinimumHealthyPercent: 100,
        deploymentMaximumPercent: 200,
        deploymentCircuitBreaker: { enable: true, rollback: true },
        availabilityZoneRebalancing: "ENABLED",
        networkConfiguration: { subnets: args.subnetIds, securityGroups: [securityGroup.id], assignPublicIp: false },
        enableExecuteCommand: false,
        // `pulumi up` fails if the tasks never run (image not pulled, tunnel token unreadable),
        // instead of "succeeding" with a service of zero tasks.
        waitForSteadyState: true,
        enableEcsManagedTags: true,
        propagateTags: "SERVICE",
        tags,
      },
      child,
    );

    this.clusterName = cluster.name;
    this.clusterArn = cluster.arn;
    this.serviceName = service.name;
    this.securityGroupId = securityGroup.id;
    this.keyArn = key.arn;
    this.secretArn = secret.arn;
    this.logGroupName = logGroup.name;
    this.registerOutputs({
      clusterName: this.clusterName,
      clusterArn: this.clusterArn,
      serviceName: this.serviceName,
      securityGroupId: this.securityGroupId,
      keyArn: this.keyArn,
      secretArn: this.secretArn,
      logGroupName: this.logGroupName,
    });
  }
}
