import { stackPolicy } from "../lib/policy";

/** Every VPC records its traffic: a flow log attached to the VPC itself (subnet or ENI logs are partial). */

const VPC = "aws:ec2/vpc:Vpc";
const FLOW_LOG = "aws:ec2/flowLog:FlowLog";

export const vpcFlowLogs = stackPolicy({
  name: "vpc-flow-logs",
  description: "Every VPC must have a flow log.",
  types: [VPC, FLOW_LOG],
  fix: 'Add an aws.ec2.FlowLog { vpcId, trafficType: "ALL", logDestinationType: "s3", logDestination: <central flow-log bucket ARN> }.',
  validate(stack, _ctx, report) {
    for (const vpc of stack.ofType(VPC)) {
      if (stack.referrers(vpc, [FLOW_LOG], "vpcId").length) continue;
      report(vpc.urn, `VPC ${vpc.name} has no flow log; add an aws.ec2.FlowLog { vpcId: <this VPC>, trafficType: "ALL", logDestinationType: "s3", logDestination: <the log-archive flow-log bucket ARN> }.`);
    }
  },
});
