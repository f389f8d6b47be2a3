import * as pulumi from "@pulumi/pulumi";
import { SftpServer } from "../../components/sftp/sftpServer";
import { TenantPerimeterArgs } from "../../components/tenant/args";
import { WorkloadConfig } from "../../config";
import { perimeterEnabled } from "../../config/schema/dataPlane";
import { StackContext } from "../context";
import { StackTenants } from "./tenants";
import { WorkloadNetwork } from "./network";

/** What the tenant data plane gives the tenants of a workload stack (issue #14). */
export interface WorkloadDataPlane {
  /** The network perimeter's endpoints, when `landing-zone:perimeter` is on. */
  readonly perimeter?: TenantPerimeterArgs;
  /** The SFTP server, when a tenant of the stack has `sftp` and is not offboarded. */
  readonly sftpServerId?: pulumi.Output<string>;
  readonly outputs: Record<string, unknown>;
}

/**
 * The stack's SFTP server and the perimeter's endpoint ids. Everything a tenant needs is returned
 * and exported (`vpcEndpointIds`, `sftpServer`), so a stack that instantiates tenants elsewhere
 * can pass the same values into the Tenant component.
 */
export function workloadDataPlane(ctx: StackContext<WorkloadConfig>, net: WorkloadNetwork, st: StackTenants): WorkloadDataPlane {
  const cfg = ctx.cfg;
  const env = cfg.account.name;
  const ids = net.vpc.endpointIds;
  const perimeter: TenantPerimeterArgs | undefined = perimeterEnabled(cfg)
    ? {
        s3EndpointId: ids.s3,
        kmsEndpointId: ids.kms,
        secretsManagerEndpointId: ids.secretsmanager,
        breakGlassRoleArn: `arn:aws:iam::${cfg.account.id}:role/${cfg.account.breakGlassRoleName}`,
      }
    : undefined;

  // One server for the environment: its tenants' SFTP users may live in the workload stack or in any cell.
  const sftpTenants = st.environment.filter((t) => t.sftp && t.status !== "offboarded");
  let server: SftpServer | undefined;
  if (sftpTenants.length) {
    server = new SftpServer(`${env}-sftp`, {
      accountId: cfg.account.id,
      region: cfg.account.region,
      namePrefix: env,
      vpcId: net.vpcId,
      subnetIds: net.appSubnetIds,
      allowedCidrs: [
        ...net.vpc.subnetCidrs.app.map((c) => ({ cidr: c, description: "App tier: the Zero Trust connector" })),
        ...cfg.sftp.partners.map((p) => ({ cidr: p.cidr, description: p.description })),
      ],
      securityPolicyName: cfg.sftp.securityPolicyName,
      logRetentionDays: cfg.sftp.logRetentionDays,
      protectLogs: cfg.account.environment === "prod",
      provider: ctx.aws,
    });
  }
  return {
    perimeter,
    sftpServerId: server?.serverId,
    outputs: {
      dataPerimeter: perimeter !== undefined,
      ...(server ? { sftpServer: { id: server.serverId, endpoint: server.endpoint, logGroup: server.logGroupName } } : {}),
    },
  };
}
