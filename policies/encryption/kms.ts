import type * as aws from "@pulumi/aws";
import { show } from "../lib/messages";
import { resourcePolicy } from "../lib/policy";
import { flag, get, isSet, Props, str } from "../lib/values";

/** Customer-managed keys rotate: symmetric ENCRYPT_DECRYPT keys need automatic rotation. */

export const kmsKeyRotation = resourcePolicy<Props>({
  name: "kms-key-rotation",
  description: "Symmetric customer-managed KMS keys must rotate automatically (keys in a custom or external key store cannot).",
  types: ["aws:kms/key:Key"],
  fix: "Set enableKeyRotation: true (rotationPeriodInDays 90-2560, default 365).",
  validate(p, _ctx, report) {
    const spec = str(get<aws.kms.KeyArgs>(p, "customerMasterKeySpec")) ?? "SYMMETRIC_DEFAULT";
    const usage = str(get<aws.kms.KeyArgs>(p, "keyUsage")) ?? "ENCRYPT_DECRYPT";
    // Asymmetric and HMAC keys cannot rotate automatically.
    if (spec !== "SYMMETRIC_DEFAULT" || usage !== "ENCRYPT_DECRYPT") return;
    // Keys in a CloudHSM or external key store have no automatic rotation: AWS KMS refuses EnableKeyRotation.
    if (isSet(get<aws.kms.KeyArgs>(p, "customKeyStoreId")) || isSet(get<aws.kms.KeyArgs>(p, "xksKeyId"))) return;
    const v = get<aws.kms.KeyArgs>(p, "enableKeyRotation");
    if (flag(v) !== true) report(`enableKeyRotation is ${show(v)}; set enableKeyRotation to true for this symmetric ENCRYPT_DECRYPT key.`);
  },
});
