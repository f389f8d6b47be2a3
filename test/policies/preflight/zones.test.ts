import * as aws from "@pulumi/aws";
import { subnetZoneById, subnetZoneInRegion } from "../../../policies/preflight/zones";
import { ruleCases, stack } from "./rules";

/** A VPC (attached to a Transit Gateway, or not) with one subnet placed as `placement` says. */
function vpc(placement: Record<string, string>, opts: { region?: string; attached?: boolean } = {}) {
  return () => {
    const s = stack(opts.region);
    s.add(aws.ec2.Vpc, "dev-vpc", { cidrBlock: "10.16.0.0/16" }, { id: "vpc-1" });
    s.add(aws.ec2.Subnet, "dev-app-a", { vpcId: "vpc-1", cidrBlock: "10.16.0.0/20", ...placement });
    if (opts.attached ?? true) s.add(aws.ec2transitgateway.VpcAttachment, "dev-tgw", { vpcId: "vpc-1", transitGatewayId: "tgw-1", subnetIds: ["dev-app-a-id"] });
    return s;
  };
}

describe("preflight: zones", () => {
  ruleCases(
    subnetZoneInRegion,
    {
      "an AZ ID of Sydney": vpc({ availabilityZoneId: "apse2-az3" }),
      "an AZ ID of Sydney with the name its state reports": vpc({ availabilityZoneId: "apse2-az3", availabilityZone: "ap-southeast-2a" }),
      "an AZ ID of Melbourne under a Melbourne provider": vpc({ availabilityZoneId: "apse4-az1" }, { region: "ap-southeast-4" }),
      "a Sydney AZ name (a legacy stack)": vpc({ availabilityZone: "ap-southeast-2b" }),
    },
    [
      { title: "a Melbourne AZ ID in Sydney", build: vpc({ availabilityZoneId: "apse4-az1" }), expect: /dev-app-a: availabilityZoneId apse4-az1 is not a zone of ap-southeast-2; use one of apse2-az1, apse2-az2, apse2-az3/ },
      { title: "an AZ ID Sydney does not have", build: vpc({ availabilityZoneId: "apse2-az4" }), expect: /availabilityZoneId apse2-az4 is not a zone of ap-southeast-2/ },
      { title: "a Sydney AZ name in Melbourne", build: vpc({ availabilityZone: "ap-southeast-2a" }, { region: "ap-southeast-4" }), expect: /availabilityZone ap-southeast-2a is not a zone of ap-southeast-4; use one of apse4-az1, apse4-az2, apse4-az3/ },
    ],
  );

  ruleCases(
    subnetZoneById,
    {
      "placed by AZ ID": vpc({ availabilityZoneId: "apse2-az1" }),
      "placed by AZ ID, with the name AWS reports in its state": vpc({ availabilityZoneId: "apse2-az1", availabilityZone: "ap-southeast-2c" }),
      "by name in Melbourne, where names are the same zone in every account": vpc({ availabilityZone: "ap-southeast-4a" }, { region: "ap-southeast-4" }),
    },
    [
      {
        title: "by name in Sydney",
        build: vpc({ availabilityZone: "ap-southeast-2a" }),
        expect: /dev-app-a: placed by AZ name ap-southeast-2a, which is its own account's label; the landing zone's other accounts may call another physical zone ap-southeast-2a\. Use its AZ ID \(one of apse2-az1, apse2-az2, apse2-az3\)/,
      },
    ],
  );
});
