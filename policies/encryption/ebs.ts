import type * as aws from "@pulumi/aws";
import { show, wrong } from "../lib/messages";
import { resourcePolicy, stackPolicy } from "../lib/policy";
import { StackView, ViewResource } from "../lib/stack";
import { collect, flag, Found, In, isSet, obj, Props } from "../lib/values";

/**
 * EBS at rest: volumes, instance and launch-configuration block devices, launch-template mappings and
 * copies. An omitted `encrypted` passes only where EBS default encryption is proven for the region:
 * an `aws.ebs.EncryptionByDefault` (enabled) in the same stack and region, or the region listed in
 * this policy's `ebsDefaultEncryptionRegions` config (set account-wide elsewhere).
 */

const VOLUME = "aws:ebs/volume:Volume";
const INSTANCE = "aws:ec2/instance:Instance";
const LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const SNAPSHOT_COPY = "aws:ebs/snapshotCopy:SnapshotCopy";
const AMI_COPY = "aws:ec2/amiCopy:AmiCopy";
const BY_DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault";

interface EbsConfig {
  readonly ebsDefaultEncryptionRegions: readonly string[];
}

/** Regions where EBS encryption by default is proven, and the declarations that turn it off. */
function defaultEncryption(stack: StackView, config: EbsConfig): { regions: Set<string>; disabled: ViewResource[] } {
  const regions = new Set(config.ebsDefaultEncryptionRegions);
  const disabled: ViewResource[] = [];
  for (const r of stack.ofType(BY_DEFAULT)) {
    const on = flag(r.props.enabled);
    const region = r.region().region;
    if (on === false || on === "unknown") disabled.push(r);
    else if (region && region !== "unknown") regions.add(region);
  }
  return { regions, disabled };
}

/** The device flags a resource carries: `[path, value]`; `omitted` lists defaults that use the account setting. */
function deviceFlags(r: ViewResource): { found: Found[]; omitted: string[] } {
  const p = r.props;
  const omitted: string[] = [];
  const found: Found[] = [];
  if (r.type === VOLUME) {
    if (isSet(p.encrypted)) found.push({ path: "encrypted", value: p.encrypted });
    else omitted.push("encrypted");
  } else if (r.type === INSTANCE || r.type === LAUNCH_CONFIGURATION) {
    const root = obj(p.rootBlockDevice);
    if (root && isSet(root.encrypted)) found.push({ path: "rootBlockDevice.encrypted", value: root.encrypted });
    else omitted.push(root ? "rootBlockDevice.encrypted" : "rootBlockDevice (omitted)");
    for (const d of collect(p, "ebsBlockDevices[]")) {
      const dev = obj(d.value);
      if (dev && isSet(dev.encrypted)) found.push({ path: `${d.path}.encrypted`, value: dev.encrypted });
      else omitted.push(`${d.path}.encrypted`);
    }
  } else if (r.type === LAUNCH_TEMPLATE) {
    for (const m of collect(p, "blockDeviceMappings[]")) {
      const ebs = obj(obj(m.value)?.ebs);
      if (!ebs) continue;
      if (isSet(ebs.encrypted)) found.push({ path: `${m.path}.ebs.encrypted`, value: ebs.encrypted });
      else omitted.push(`${m.path}.ebs.encrypted`);
    }
    // No EBS mapping at all: instances get the AMI's volumes as its snapshots are, encrypted or not.
    if (found.length === 0 && omitted.length === 0) omitted.push("blockDeviceMappings (no ebs mapping: the AMI's root volume keeps its snapshot's encryption)");
  }
  return { found, omitted };
}

export const ebsEncryption = stackPolicy<EbsConfig>({
  name: "ebs-encryption",
  description: "EBS volumes, instance and launch-template block devices and EBS/AMI copies must be encrypted.",
  types: [VOLUME, INSTANCE, LAUNCH_CONFIGURATION, LAUNCH_TEMPLATE, SNAPSHOT_COPY, AMI_COPY, BY_DEFAULT],
  fix: 'Set encrypted: true (launch templates: ebs.encrypted: "true"), or enable aws.ebs.EncryptionByDefault in the region.',
  config: {
    ebsDefaultEncryptionRegions: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "Regions where EBS encryption by default is enabled outside this stack (an omitted encrypted flag then passes)",
    },
  },
  defaults: { ebsDefaultEncryptionRegions: [] },
  validate(stack, { config }, report) {
    const { regions, disabled } = defaultEncryption(stack, config);
    for (const r of disabled) {
      report(r.urn, wrong("enabled", r.props.enabled, "true (or remove the resource: it turns EBS encryption by default off)"));
    }
    for (const r of stack.ofType(VOLUME, INSTANCE, LAUNCH_CONFIGURATION, LAUNCH_TEMPLATE)) {
      const { found, omitted } = deviceFlags(r);
      for (const f of found) {
        if (flag(f.value) !== true) report(r.urn, wrong(f.path, f.value, r.type === LAUNCH_TEMPLATE ? '"true"' : "true"));
      }
      if (omitted.length === 0) continue;
      const region = r.region().region;
      if (region && region !== "unknown" && regions.has(region)) continue;
      report(
        r.urn,
        `${omitted.join(", ")} ${omitted.length > 1 ? "are" : "is"} not set, and EBS encryption by default is not proven for ${region === "unknown" ? "its region (unknown until deployment)" : (region ?? "its region (none set)")}; set ${r.type === LAUNCH_TEMPLATE ? 'ebs.encrypted to "true"' : "encrypted to true"} on every device, or declare aws.ebs.EncryptionByDefault (enabled: true) for the region.`,
      );
    }
    for (const r of stack.ofType(SNAPSHOT_COPY, AMI_COPY)) {
      if (flag(r.props.encrypted) !== true) report(r.urn, wrong("encrypted", r.props.encrypted, "true (a copy is the chance to encrypt an unencrypted source)"));
    }
  },
});

export const ebsSnapshotRestore = resourcePolicy<In<aws.ec2.InstanceArgs> & Props>({
  name: "ebs-snapshot-restore-encryption",
  description: "A block device restored from a snapshot should say encrypted: true; otherwise it inherits the snapshot's (possibly unencrypted) state.",
  enforcementLevel: "advisory",
  types: [INSTANCE, LAUNCH_CONFIGURATION],
  fix: "Set encrypted: true on every ebsBlockDevices entry that has a snapshotId.",
  validate(props, _ctx, report) {
    for (const d of collect(props, "ebsBlockDevices[]")) {
      const dev = obj(d.value);
      if (dev && isSet(dev.snapshotId) && flag(dev.encrypted) !== true) {
        report(`${d.path} restores snapshot ${show(dev.snapshotId)} with encrypted ${show(dev.encrypted)}; set ${d.path}.encrypted to true.`);
      }
    }
  },
});
