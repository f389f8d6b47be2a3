import type * as aws from "@pulumi/aws";
import { isCmk, keyProblem } from "../lib/kms";
import { show, wrong } from "../lib/messages";
import { resourcePolicy } from "../lib/policy";
import { at, flag, get, isSet, obj, Props, str } from "../lib/values";

/** Glue (catalog, security configurations, jobs, crawlers) and Athena (workgroups, databases). */

const CATALOG = "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings";
const SECURITY_CONFIGURATION = "aws:glue/securityConfiguration:SecurityConfiguration";
const JOB = "aws:glue/job:Job";
const CRAWLER = "aws:glue/crawler:Crawler";
const DEV_ENDPOINT = "aws:glue/devEndpoint:DevEndpoint";
const WORKGROUP = "aws:athena/workgroup:Workgroup";
const ATHENA_DB = "aws:athena/database:Database";

export const glueEncryption = resourcePolicy<Props>({
  name: "glue-encryption",
  description: "The Glue catalog, connection passwords, and every job, crawler and development endpoint's S3, CloudWatch and bookmark output must be KMS-encrypted.",
  types: [CATALOG, SECURITY_CONFIGURATION, JOB, CRAWLER, DEV_ENDPOINT],
  fix: 'Catalog: catalogEncryptionMode "SSE-KMS" + sseAwsKmsKeyId, passwords encrypted + awsKmsKeyId; security configurations: S3 "SSE-KMS", CloudWatch "SSE-KMS", bookmarks "CSE-KMS"; jobs and crawlers: securityConfiguration set.',
  validate(p, ctx, report) {
    if (ctx.type === CATALOG) {
      const s = get<aws.glue.DataCatalogEncryptionSettingsArgs>(p, "dataCatalogEncryptionSettings");
      const base = "dataCatalogEncryptionSettings";
      const mode = at(s, "encryptionAtRest.catalogEncryptionMode");
      if (str(mode) !== "SSE-KMS") report(wrong(`${base}.encryptionAtRest.catalogEncryptionMode`, mode, '"SSE-KMS"'));
      else if (!isCmk(at(s, "encryptionAtRest.sseAwsKmsKeyId"))) report(keyProblem(`${base}.encryptionAtRest.sseAwsKmsKeyId`, at(s, "encryptionAtRest.sseAwsKmsKeyId")));
      const pw = at(s, "connectionPasswordEncryption.returnConnectionPasswordEncrypted");
      if (flag(pw) !== true) report(wrong(`${base}.connectionPasswordEncryption.returnConnectionPasswordEncrypted`, pw, "true"));
      else if (!isCmk(at(s, "connectionPasswordEncryption.awsKmsKeyId"))) report(keyProblem(`${base}.connectionPasswordEncryption.awsKmsKeyId`, at(s, "connectionPasswordEncryption.awsKmsKeyId")));
      return;
    }
    if (ctx.type === SECURITY_CONFIGURATION) {
      const e = get<aws.glue.SecurityConfigurationArgs>(p, "encryptionConfiguration");
      const s3 = at(e, "s3Encryption.s3EncryptionMode");
      if (!isSet(s3) || str(s3) === "DISABLED") report(wrong("encryptionConfiguration.s3Encryption.s3EncryptionMode", s3, '"SSE-KMS" (with kmsKeyArn)'));
      const cw = at(e, "cloudwatchEncryption.cloudwatchEncryptionMode");
      if (str(cw) !== "SSE-KMS") report(wrong("encryptionConfiguration.cloudwatchEncryption.cloudwatchEncryptionMode", cw, '"SSE-KMS" (with kmsKeyArn)'));
      const jb = at(e, "jobBookmarksEncryption.jobBookmarksEncryptionMode");
      if (str(jb) !== "CSE-KMS") report(wrong("encryptionConfiguration.jobBookmarksEncryption.jobBookmarksEncryptionMode", jb, '"CSE-KMS" (with kmsKeyArn)'));
      return;
    }
    const sc = get<aws.glue.JobArgs>(p, "securityConfiguration");
    if (!isSet(sc)) report(`securityConfiguration is not set, so the ${ctx.type === JOB ? "job" : ctx.type === CRAWLER ? "crawler" : "development endpoint"} writes unencrypted; set securityConfiguration to the name of an aws.glue.SecurityConfiguration that encrypts S3, CloudWatch and bookmarks with KMS.`);
  },
});

export const athenaEncryption = resourcePolicy<Props>({
  name: "athena-encryption",
  description: "Athena query results must be encrypted, and workgroups must enforce their configuration on clients.",
  types: [WORKGROUP, ATHENA_DB],
  fix: 'Workgroups: configuration.resultConfiguration.encryptionConfiguration.encryptionOption "SSE_KMS" (kmsKeyArn) and configuration.enforceWorkgroupConfiguration true; databases: encryptionConfiguration.encryptionOption "SSE_KMS".',
  validate(p, ctx, report) {
    if (ctx.type === ATHENA_DB) {
      const opt = at(get<aws.athena.DatabaseArgs>(p, "encryptionConfiguration"), "encryptionOption");
      if (!str(opt)) report(wrong("encryptionConfiguration.encryptionOption", opt, '"SSE_KMS" (with kmsKey)'));
      return;
    }
    const cfg = obj(get<aws.athena.WorkgroupArgs>(p, "configuration"));
    const opt = at(cfg, "resultConfiguration.encryptionConfiguration.encryptionOption");
    if (!str(opt)) report(wrong("configuration.resultConfiguration.encryptionConfiguration.encryptionOption", opt, '"SSE_KMS" (or "CSE_KMS") with kmsKeyArn'));
    const enforce = cfg?.enforceWorkgroupConfiguration;
    // The provider defaults enforceWorkgroupConfiguration to true; only an explicit false lets clients override.
    if (flag(enforce) === false || flag(enforce) === "unknown") report(`configuration.enforceWorkgroupConfiguration is ${show(enforce)}, so clients may turn result encryption off; set it to true.`);
  },
});
