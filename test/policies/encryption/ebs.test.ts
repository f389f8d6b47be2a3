import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { ebsEncryption, ebsSnapshotRestore } from "../../../policies/encryption/ebs";
import { messages, policyCases, StackFixture, UNKNOWN_VALUE, withOptions } from "../helpers";

describe("encryption: EBS", () => {
  describe("ebs-encryption", () => {
    policyCases(ebsEncryption, aws.ebs.Volume, { availabilityZone: "ap-southeast-2a", encrypted: true }, [
      { title: "encrypted false fails", change: { encrypted: false }, expect: /^encrypted is false; set encrypted to true/ },
      { title: "encrypted unknown fails closed", change: { encrypted: UNKNOWN_VALUE }, expect: /encrypted is unknown until deployment/ },
      { title: "encrypted omitted without proof of default encryption fails", change: { encrypted: undefined }, expect: /encrypted is not set, and EBS encryption by default is not proven for ap-southeast-2/ },
      { title: "encrypted omitted passes when the region is declared in config", change: { encrypted: undefined }, options: { ebsDefaultEncryptionRegions: ["ap-southeast-2"] } },
    ]);
    policyCases(ebsEncryption, aws.ec2.LaunchTemplate, { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }] }, [
      { title: 'ebs.encrypted "false" fails', change: { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "false" } }] }, expect: /blockDeviceMappings\[0\]\.ebs\.encrypted is "false"; set .* to "true"/ },
    ]);
    policyCases(ebsEncryption, aws.ec2.Instance, { ami: "ami-1", rootBlockDevice: { encrypted: true }, ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true }] }, [
      { title: "an unencrypted data device fails", change: { ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: false }] }, expect: /ebsBlockDevices\[0\]\.encrypted is false/ },
      { title: "an omitted root device needs proven default encryption", change: { rootBlockDevice: undefined }, expect: /rootBlockDevice \(omitted\) is not set/ },
    ]);
    policyCases(ebsEncryption, aws.ebs.SnapshotCopy, { sourceRegion: "ap-southeast-2", sourceSnapshotId: "snap-1", encrypted: true }, [{ title: "an unencrypted copy fails", change: { encrypted: undefined }, expect: /encrypted is not set/ }]);

    it("an EncryptionByDefault in the same region proves it; in another region it does not", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.awsProvider("melbourne", { region: "ap-southeast-4" });
      s.add(aws.ebs.EncryptionByDefault, "ebs-default", { enabled: true });
      s.add(aws.ebs.Volume, "sydney", { availabilityZone: "ap-southeast-2a" });
      s.add(aws.ebs.Volume, "melbourne-vol", { availabilityZone: "ap-southeast-4a" }, { provider: "melbourne" });
      const m = messages(ebsEncryption, s.resources);
      assert.strictEqual(m.length, 1);
      assert.match(m[0], /not proven for ap-southeast-4/);
    });

    it("EncryptionByDefault with enabled false is itself a finding", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.ebs.EncryptionByDefault, "off", { enabled: false });
      assert.match(messages(ebsEncryption, s.resources)[0], /^enabled is false; set enabled to true/);
    });

    it("the config option is validated like the CLI's schema would", () => {
      assert.ok(withOptions("ebs-encryption", { ebsDefaultEncryptionRegions: [] }));
    });
  });

  describe("ebs-snapshot-restore-encryption (advisory)", () => {
    policyCases(ebsSnapshotRestore, aws.ec2.Instance, { ami: "ami-1", ebsBlockDevices: [{ deviceName: "/dev/sdf", snapshotId: "snap-1", encrypted: true }] }, [
      { title: "a restored device without encrypted is reported", change: { ebsBlockDevices: [{ deviceName: "/dev/sdf", snapshotId: "snap-1" }] }, expect: /restores snapshot "snap-1" with encrypted not set/ },
    ]);
  });
});
