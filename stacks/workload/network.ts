import * as pulumi from "@pulumi/pulumi";
import { WorkloadConfig } from "../../config";
import { StackContext } from "../context";

/** What the network part of a workload stack gives the rest of it. Issue #4 fills this in. */
export interface WorkloadNetwork {
  readonly vpcId: pulumi.Output<string>;
  /** The app tier's subnet ids, one per AZ (the cloudflared connector and the apps run there). */
  readonly appSubnetIds: pulumi.Output<string>[];
  readonly vpcCidr: string;
  readonly outputs: Record<string, unknown>;
}

export function workloadNetwork(ctx: StackContext<WorkloadConfig>): WorkloadNetwork {
  return {
    vpcId: pulumi.output("vpc-placeholder"),
    appSubnetIds: [],
    vpcCidr: ctx.cfg.vpc.cidr,
    outputs: {},
  };
}
