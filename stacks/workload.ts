import { WorkloadConfig } from "../config";
import { Tenant } from "../config/tenants";
import { verifyFormerAzNames } from "../components/network/zonePlacement";
import { accountBaseline } from "./baseline";
import { StackContext } from "./context";
import { workloadDataPlane } from "./workload/dataPlane";
import { workloadEdge } from "./workload/edge";
import { workloadNetwork } from "./workload/network";
import { workloadTenants } from "./workload/tenants";

/**
 * The workload role (dev, prod): the tiered VPC on the Transit Gateway, Zero Trust access and
 * observability, and what the environment's tenant cells share (the `tenantPlatform` output), plus
 * the tenants that name no cell. It only wires components together.
 */
export async function workload(ctx: StackContext<WorkloadConfig>, registered: readonly Tenant[], environment: readonly Tenant[]): Promise<Record<string, unknown>> {
  await verifyFormerAzNames(ctx.cfg.vpc.formerAzNames, { file: ctx.cfg.file, key: "landing-zone:vpc.formerAzNames", provider: ctx.aws });
  const net = workloadNetwork(ctx);
  const tenants = { tenants: registered, environment };
  const edge = workloadEdge(ctx, net, tenants);
  const plane = workloadDataPlane(ctx, net, tenants);
  let tenantOutputs: Record<string, unknown>;
  try {
    tenantOutputs = await workloadTenants(ctx, net, edge, tenants, plane);
  } finally {
    // The tunnel's ingress waits for the tenants' Access audiences until this.
    edge.sealAccessAudiences();
  }
  accountBaseline(ctx);
  return {
    accountId: ctx.cfg.account.id,
    region: ctx.cfg.account.region,
    ...net.outputs,
    ...edge.outputs,
    ...plane.outputs,
    ...tenantOutputs,
  };
}
