import { parseArn } from "../lib/arn";
import { statements, strings, wildcardMatch } from "../lib/iam";
import { LzPolicy } from "../lib/policy";
import { isUnknown } from "../lib/unknown";
import { ViewResource } from "../lib/stack";
import { accountOfProvider } from "./account";
import { preflightStack } from "./constraint";

/** Transit Gateway: the attachment ARNs an IAM policy names for route table associations and propagations. */

const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const POLICY = "aws:iam/policy:Policy";

/** The calls that change a Transit Gateway route table's associations and propagations. */
const ROUTE_TABLE_ACTIONS = [
  "ec2:AssociateTransitGatewayRouteTable",
  "ec2:DisassociateTransitGatewayRouteTable",
  "ec2:EnableTransitGatewayRouteTablePropagation",
  "ec2:DisableTransitGatewayRouteTablePropagation",
];

function grantsRouteTableActions(s: Readonly<Record<string, unknown>>): boolean {
  return s.Effect === "Allow" && strings(s.Action).some((a) => ROUTE_TABLE_ACTIONS.some((x) => wildcardMatch(a, x)));
}

/** The account the policy's principals act as: its provider's, else that of the route tables it names. */
function actingAccount(r: ViewResource, resources: readonly string[]): string | undefined {
  const fromProvider = accountOfProvider(r.provider);
  if (fromProvider) return fromProvider;
  return resources.map(parseArn).find((a) => a && a.service === "ec2" && a.resource.startsWith("transit-gateway-route-table/"))?.account || undefined;
}

export const tgwAttachmentArnOwner = preflightStack({
  name: "tgw-attachment-arn-owner",
  description: "An IAM policy that lets a principal associate or propagate Transit Gateway attachments must name attachment ARNs of the Transit Gateway owner's account (where those calls run), not the spokes'.",
  types: [ROLE_POLICY, POLICY],
  fix: "Name the attachments as `arn:aws:ec2:<region>:<network account>:transit-gateway-attachment/*`: the account of the route tables, which is the account the role is in.",
  constraint: {
    rule: "only the transit gateway owner can run the transit gateway route table APIs (associations and propagations included), and a cross-account VPC attachment is also created as a resource in the transit gateway owner's (the accepter's) account",
    source: "Amazon VPC Transit Gateways, Transit gateway sharing considerations; Pulumi AWS provider, aws.ec2transitgateway.VpcAttachmentAccepter",
  },
  validate(stack, _ctx, report) {
    for (const r of stack.ofType(ROLE_POLICY, POLICY)) {
      if (isUnknown(r.props.policy)) continue;
      for (const s of statements(r.props.policy)) {
        if (!grantsRouteTableActions(s)) continue;
        const resources = strings(s.Resource);
        const account = actingAccount(r, resources);
        if (!account) continue;
        for (const arn of resources) {
          const a = parseArn(arn);
          if (!a || a.service !== "ec2" || !a.resource.startsWith("transit-gateway-attachment/")) continue;
          if (a.account && a.account !== "*" && a.account !== account) {
            report(r.urn, `${r.name} grants ${s.Sid ?? "a statement"}'s route table actions on ${arn}, an attachment ARN of account ${a.account}, but those calls run in account ${account}, on its own side of the attachment: the grant never matches`);
          }
        }
      }
    }
  },
});

export const tgwAttachmentArnPolicies: readonly LzPolicy[] = [tgwAttachmentArnOwner];
