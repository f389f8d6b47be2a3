import { stackPolicy } from "../lib/policy";
import { StackView, ViewResource } from "../lib/stack";
import { ownTag } from "../lib/tags";
import { collect, obj, str } from "../lib/values";

/**
 * No ingress from anywhere (0.0.0.0/0 or ::/0) except into the DMZ tier. A security group's tier is
 * its own `tier` tag, else a tier named in its name (`web-dmz-sg`).
 */

const SG = "aws:ec2/securityGroup:SecurityGroup";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const ANYWHERE = ["0.0.0.0/0", "::/0"];

interface IngressConfig {
  readonly openIngressTiers: readonly string[];
}

function tierOf(sg: ViewResource | undefined, config: IngressConfig): string | undefined {
  if (!sg) return undefined;
  const tag = ownTag(sg.props, "tier") ?? ownTag(sg.props, "Tier");
  if (tag) return tag.toLowerCase();
  const name = `${str(sg.props.name) ?? ""} ${sg.name}`.toLowerCase();
  return config.openIngressTiers.find((t) => new RegExp(`(^|[^a-z])${t.toLowerCase()}([^a-z]|$)`).test(name));
}

function groupOf(stack: StackView, rule: ViewResource): ViewResource | undefined {
  return stack.refs(rule, "securityGroupId", [SG])[0];
}

export const noOpenIngress = stackPolicy<IngressConfig>({
  name: "no-open-ingress",
  description: "Security groups outside the DMZ tier must not accept traffic from 0.0.0.0/0 or ::/0.",
  types: [SG, SG_RULE, INGRESS_RULE],
  fix: 'Narrow the source to a CIDR, prefix list or security group; or, for a public entry point, tag the group tier: "dmz".',
  config: { openIngressTiers: { type: "array", items: { type: "string" }, default: ["dmz"], description: "Tiers whose security groups may accept traffic from anywhere" } },
  defaults: { openIngressTiers: ["dmz"] },
  validate(stack, { config }, report) {
    const allowed = (sg: ViewResource | undefined) => {
      const t = tierOf(sg, config);
      return t !== undefined && config.openIngressTiers.map((x) => x.toLowerCase()).includes(t);
    };
    const say = (where: string, sg: ViewResource | undefined, path: string, cidr: string) =>
      `${where} opens ${path} to ${cidr}, but ${sg ? `security group ${sg.name} is ${tierOf(sg, config) ? `in tier ${tierOf(sg, config)}` : "in no tier (no tier tag)"}` : "its security group is not in this stack"}; narrow the source to a CIDR, prefix list or security group, or tag the group tier: "dmz" if it is a public entry point.`;
    for (const sg of stack.ofType(SG)) {
      if (allowed(sg)) continue;
      for (const i of collect(sg.props, "ingress[]")) {
        const rule = obj(i.value) ?? {};
        for (const key of ["cidrBlocks", "ipv6CidrBlocks"]) {
          for (const c of collect(rule, `${key}[]`)) if (ANYWHERE.includes(String(c.value))) report(sg.urn, say(sg.name, sg, `${i.path}.${c.path}`, String(c.value)));
        }
      }
    }
    for (const r of stack.ofType(SG_RULE)) {
      if (str(r.props.type) !== "ingress") continue;
      const sg = groupOf(stack, r);
      if (allowed(sg)) continue;
      for (const key of ["cidrBlocks", "ipv6CidrBlocks"]) {
        for (const c of collect(r.props, `${key}[]`)) if (ANYWHERE.includes(String(c.value))) report(r.urn, say(`rule ${r.name}`, sg, c.path, String(c.value)));
      }
    }
    for (const r of stack.ofType(INGRESS_RULE)) {
      const sg = groupOf(stack, r);
      if (allowed(sg)) continue;
      for (const key of ["cidrIpv4", "cidrIpv6"]) {
        const v = str(r.props[key]);
        if (v && ANYWHERE.includes(v)) report(r.urn, say(`rule ${r.name}`, sg, key, v));
      }
    }
  },
});
