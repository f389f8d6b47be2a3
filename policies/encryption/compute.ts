import type * as aws from "@pulumi/aws";
import { isCmk, keyProblem } from "../lib/kms";
import { show, wrong } from "../lib/messages";
import { resourcePolicy } from "../lib/policy";
import { isSecretShown } from "../lib/unknown";
import { arr, collect, flag, get, obj, Props, str } from "../lib/values";

/** Containers, functions, builds and notebooks: ECR, EKS secrets, Lambda environments, CodeBuild, SageMaker. */

const ECR = "aws:ecr/repository:Repository";
const EKS = "aws:eks/cluster:Cluster";

export const containerEncryption = resourcePolicy<Props>({
  name: "container-encryption",
  description: "ECR repositories must use KMS encryption and EKS clusters must envelope-encrypt Kubernetes secrets.",
  types: [ECR, EKS],
  fix: 'ECR: encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: <key ARN> }]; EKS: encryptionConfig: { resources: ["secrets"], provider: { keyArn } }.',
  validate(p, ctx, report) {
    if (ctx.type === ECR) {
      const cfgs = collect(p, "encryptionConfigurations[]");
      if (cfgs.length === 0) {
        report(`encryptionConfigurations is not set (ECR defaults to AES256); set encryptionConfigurations to [{ encryptionType: "KMS", kmsKey: <customer-managed key ARN> }].`);
      }
      for (const c of cfgs) {
        const t = obj(c.value)?.encryptionType;
        if (str(t) !== "KMS") report(wrong(`${c.path}.encryptionType`, t, '"KMS"'));
      }
      return;
    }
    const enc = obj(get<aws.eks.ClusterArgs>(p, "encryptionConfig"));
    const resources = arr(enc?.resources);
    if (!resources.includes("secrets")) report(wrong("encryptionConfig.resources", enc?.resources, '["secrets"] with provider.keyArn a customer-managed key'));
  },
});

export const lambdaEnvironmentEncryption = resourcePolicy<Props>({
  name: "lambda-environment-encryption",
  description: "Lambda functions with environment variables must encrypt them with a customer-managed key.",
  types: ["aws:lambda/function:Function"],
  fix: "Set kmsKeyArn to a customer-managed key ARN (or move the values to Secrets Manager).",
  validate(p, _ctx, report) {
    const env = get<aws.lambda.FunctionArgs>(p, "environment");
    if (isSecretShown(env)) {
      // A secret environment holds variables we cannot list; the key decides all the same.
      const k = get<aws.lambda.FunctionArgs>(p, "kmsKeyArn");
      if (!isCmk(k)) report(keyProblem("kmsKeyArn", k).replace("kmsKeyArn is", "environment is set (a secret, so its variables cannot be listed) and kmsKeyArn is"));
      return;
    }
    const vars = obj(obj(env)?.variables);
    if (!vars || Object.keys(vars).length === 0) return;
    const k = get<aws.lambda.FunctionArgs>(p, "kmsKeyArn");
    if (!isCmk(k)) report(keyProblem("kmsKeyArn", k).replace("kmsKeyArn is", `environment.variables (${Object.keys(vars).join(", ")}) are set and kmsKeyArn is`));
  },
});

export const codebuildEncryption = resourcePolicy<Props>({
  name: "codebuild-encryption",
  description: "CodeBuild artifacts and S3 logs must stay encrypted.",
  types: ["aws:codebuild/project:Project"],
  fix: "Remove encryptionDisabled: true from artifacts, secondaryArtifacts and logsConfig.s3Logs.",
  validate(p, _ctx, report) {
    for (const path of ["artifacts.encryptionDisabled", "secondaryArtifacts[].encryptionDisabled", "logsConfig.s3Logs.encryptionDisabled"]) {
      for (const f of collect(p, path)) {
        const v = flag(f.value);
        if (v === true || v === "unknown") report(`${f.path} is ${show(f.value)}; set it to false or remove it.`);
      }
    }
  },
});

export const sagemakerEncryption = resourcePolicy<Props>({
  name: "sagemaker-encryption",
  description: "SageMaker notebooks, domains and endpoint configurations must name a customer-managed key.",
  types: ["aws:sagemaker/notebookInstance:NotebookInstance", "aws:sagemaker/domain:Domain", "aws:sagemaker/endpointConfiguration:EndpointConfiguration"],
  fix: "Set kmsKeyId (endpoint configurations: kmsKeyArn) to a customer-managed key ARN.",
  validate(p, ctx, report) {
    const key = ctx.type === "aws:sagemaker/endpointConfiguration:EndpointConfiguration" ? "kmsKeyArn" : "kmsKeyId";
    if (!isCmk(p[key])) report(keyProblem(key, p[key]));
  },
});
