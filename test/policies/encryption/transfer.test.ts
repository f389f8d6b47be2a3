import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import { transferServerInternal, transferServerLogging, transferServerTls, transferUserConfined } from "../../../policies/encryption/transfer";
import { deliveryResidency } from "../../../policies/residency/delivery";
import { messages, policyCases, StackFixture } from "../helpers";

const server = {
  protocols: ["SFTP"],
  securityPolicyName: "TransferSecurityPolicy-2025-03",
  endpointType: "VPC",
  endpointDetails: { vpcId: "vpc-1", subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"] },
  loggingRole: "arn:aws:iam::666666666666:role/prod-sftp-logging",
  structuredLogDestinations: ["arn:aws:logs:ap-southeast-2:666666666666:log-group:/aws/transfer/prod-sftp:*"],
};

describe("Transfer Family servers and users (encryption pack)", () => {
  describe("transfer-server-tls: the newest policies pass, SHA-1/CBC-era ones fail", () => {
    policyCases(transferServerTls, aws.transfer.Server, server, [
      { title: "FIPS-2025-03 passes", change: { securityPolicyName: "TransferSecurityPolicy-FIPS-2025-03" } },
      { title: "2020-06 fails", change: { securityPolicyName: "TransferSecurityPolicy-2020-06" }, expect: /"TransferSecurityPolicy-2020-06"/ },
      { title: "Restricted-2018-11 fails", change: { securityPolicyName: "TransferSecurityPolicy-Restricted-2018-11" }, expect: /Restricted-2018-11/ },
    ]);
  });
  describe("transfer-server-internal", () => {
    policyCases(transferServerInternal, aws.transfer.Server, server, [
      { title: "no endpoint type (PUBLIC) fails", change: { endpointType: undefined, endpointDetails: undefined }, expect: /endpointType is not set \(PUBLIC/ },
      { title: "PUBLIC fails", change: { endpointType: "PUBLIC" }, expect: /endpointType is "PUBLIC"/ },
      { title: "Elastic IPs fail", change: { endpointDetails: { ...server.endpointDetails, addressAllocationIds: ["eipalloc-1"] } }, expect: /addressAllocationIds/ },
      { title: "the default security group fails", change: { endpointDetails: { vpcId: "vpc-1", subnetIds: ["subnet-1"] } }, expect: /securityGroupIds is not set/ },
    ]);
  });
  describe("transfer-server-logging", () => {
    policyCases(transferServerLogging, aws.transfer.Server, server, [
      { title: "no structured logs fails", change: { structuredLogDestinations: undefined }, expect: /structuredLogDestinations is empty/ },
      { title: "no logging role fails", change: { loggingRole: undefined }, expect: /loggingRole is not set/ },
    ]);
  });
  describe("transfer-user-confined", () => {
    const user = { serverId: "s-1", userName: "acme", role: "arn:aws:iam::666666666666:role/tenant-sftp/tenant-acme-sftp", homeDirectoryType: "LOGICAL", homeDirectoryMappings: [{ entry: "/", target: "/tenant-acme-bucket" }], policy: "{}" };
    policyCases(transferUserConfined, aws.transfer.User, user, [
      { title: "a PATH home directory fails", change: { homeDirectoryType: "PATH" }, expect: /homeDirectoryType is "PATH"/ },
      { title: "no home directory type (PATH) fails", change: { homeDirectoryType: undefined }, expect: /not set \(PATH\)/ },
      { title: "no session policy fails", change: { policy: undefined }, expect: /session policy\) is not set/ },
    ]);
  });
});

describe("Transfer Family structured logs (residency pack, delivery-residency)", () => {
  const build = (dest: string) => {
    const s = new StackFixture();
    s.awsProvider();
    s.add(aws.transfer.Server, "sftp", { ...server, structuredLogDestinations: [dest] });
    return s;
  };
  it("a log group in Sydney passes", () => {
    assert.deepEqual(messages(deliveryResidency, build("arn:aws:logs:ap-southeast-2:666666666666:log-group:/aws/transfer/prod-sftp:*").resources), []);
  });
  it("a log group in us-east-1 fails, naming the destination", () => {
    const m = messages(deliveryResidency, build("arn:aws:logs:us-east-1:666666666666:log-group:/aws/transfer/prod-sftp:*").resources);
    assert.equal(m.length, 1);
    assert.match(m[0], /Transfer Family structured log destination structuredLogDestinations\[0\].*us-east-1/);
  });
});
