import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { resourcePlacement } from "../../../policies/residency/placement";
import { awsProviderRegion, datadogSite } from "../../../policies/residency/providers";
import { messages, policyCases, RunOptions, runOne, StackFixture, UNKNOWN_VALUE } from "../helpers";
import { PlanResource } from "../../../lib/plan";

/** Placement findings of both policies: a resource's own region (resource-placement) or its provider's (aws-provider-region). */
function placed(resources: readonly PlanResource[], opts: RunOptions = {}): string[] {
  return [...messages(resourcePlacement, resources, opts), ...messages(awsProviderRegion, resources, opts)];
}

function edgeStack(withDistribution: boolean): StackFixture {
  const s = new StackFixture();
  s.awsProvider();
  s.awsProvider("us-east-1", { region: "us-east-1" });
  const certArn = "arn:aws:acm:us-east-1:555555555555:certificate/edge";
  s.add(aws.acm.Certificate, "edge-cert", { domainName: "www.example.com", validationMethod: "DNS" }, { provider: "us-east-1", outputs: { arn: certArn } });
  s.add(aws.acm.CertificateValidation, "edge-cert-validation", { certificateArn: certArn }, { provider: "us-east-1" });
  if (withDistribution) {
    s.add(aws.cloudfront.Distribution, "site", {
      enabled: true,
      origins: [],
      defaultCacheBehavior: { targetOriginId: "o", viewerProtocolPolicy: "redirect-to-https", allowedMethods: ["GET"], cachedMethods: ["GET"] },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: { acmCertificateArn: certArn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" },
    });
  }
  return s;
}

describe("residency: placement", () => {
  it("a resource under a Sydney provider passes", () => {
    const s = new StackFixture();
    s.awsProvider();
    s.add(aws.s3.Bucket, "data", {});
    assert.deepStrictEqual(placed(s.resources), []);
  });

  it("a bucket with region us-east-1 under a Sydney provider fails: the resource's own region wins", () => {
    const s = new StackFixture();
    s.awsProvider();
    s.add(aws.s3.Bucket, "data", { region: "us-east-1" });
    const m = placed(s.resources);
    assert.strictEqual(m.length, 1);
    assert.match(m[0], /data is placed in us-east-1 \(from its own region input\).*set its region input to "ap-southeast-2" or "ap-southeast-4"/);
  });

  it("a resource with region ap-southeast-4 under a us-west-2 provider passes", () => {
    const s = new StackFixture();
    s.awsProvider("oregon", { region: "us-west-2" });
    s.add(aws.sqs.Queue, "q", { region: "ap-southeast-4" });
    assert.deepStrictEqual(placed(s.resources), []);
  });

  it("an unknown region fails closed, and says so", () => {
    const s = new StackFixture();
    s.awsProvider();
    s.add(aws.sqs.Queue, "q", { region: UNKNOWN_VALUE });
    assert.match(placed(s.resources)[0], /region \(its own region input\) is unknown until deployment, so its placement cannot be verified \(fail closed\)/);
  });

  it("a provider without a region fails closed for its resources", () => {
    const s = new StackFixture();
    s.awsProvider("envregion", { region: undefined });
    s.add(aws.sqs.Queue, "q", {});
    assert.match(placed(s.resources)[0], /q has no region: .*sets none/);
  });

  it("global services are exempt; Route 53 Resolver is not", () => {
    const s = new StackFixture();
    s.awsProvider("us-east-1", { region: "us-east-1" });
    s.add(aws.iam.Role, "role", { assumeRolePolicy: "{}" });
    s.add(aws.route53.Zone, "zone", { name: "example.com" });
    s.add(aws.route53.ResolverEndpoint, "resolver", { direction: "INBOUND", securityGroupIds: [], ipAddresses: [] });
    const m = placed(s.resources);
    assert.strictEqual(m.length, 1);
    assert.match(m[0], /^resolver is placed in us-east-1/);
  });

  it("an ACM certificate in us-east-1 with a CloudFront consumer passes (with its validation)", () => {
    assert.deepStrictEqual(placed(edgeStack(true).resources), []);
  });

  it("the same certificate without a consumer fails, as does its validation", () => {
    const m = placed(edgeStack(false).resources);
    assert.strictEqual(m.length, 2);
    assert.match(m[0], /edge-cert is placed in us-east-1 \(from the region of its provider us-east-1\) and no consumer in this stack that AWS serves only from us-east-1 \(a CloudFront distribution, a Cognito or AppSync custom domain, a Route 53 DNSSEC key-signing key\) proves it must be there/);
  });

  it("a CLOUDFRONT web ACL used by a distribution passes; a REGIONAL one in us-east-1 fails", () => {
    const s = new StackFixture();
    s.awsProvider("us-east-1", { region: "us-east-1" });
    const acl = s.add(aws.wafv2.WebAcl, "cf-acl", { scope: "CLOUDFRONT", defaultAction: { allow: {} }, visibilityConfig: { cloudwatchMetricsEnabled: false, metricName: "m", sampledRequestsEnabled: false } }, { outputs: { arn: "arn:aws:wafv2:us-east-1:5:global/webacl/cf-acl/1" } });
    s.add(aws.wafv2.WebAcl, "regional-acl", { scope: "REGIONAL", defaultAction: { allow: {} }, visibilityConfig: { cloudwatchMetricsEnabled: false, metricName: "m", sampledRequestsEnabled: false } });
    s.add(aws.cloudfront.Distribution, "site", { enabled: true, webAclId: "arn:aws:wafv2:us-east-1:5:global/webacl/cf-acl/1", origins: [], defaultCacheBehavior: { targetOriginId: "o", viewerProtocolPolicy: "https-only", allowedMethods: [], cachedMethods: [] }, restrictions: { geoRestriction: { restrictionType: "none" } }, viewerCertificate: { cloudfrontDefaultCertificate: true } });
    void acl;
    const m = placed(s.resources);
    assert.strictEqual(m.length, 1);
    assert.match(m[0], /^regional-acl is placed in us-east-1/);
  });

  it("Lambda@Edge needs publish: true and a distribution association", () => {
    const s = new StackFixture();
    s.awsProvider("us-east-1", { region: "us-east-1" });
    s.add(aws.lambda.Function, "edge-fn", { role: "r", publish: true }, { outputs: { qualifiedArn: "arn:aws:lambda:us-east-1:5:function:edge-fn:1" } });
    s.add(aws.cloudfront.Distribution, "site", {
      enabled: true,
      origins: [],
      defaultCacheBehavior: { targetOriginId: "o", viewerProtocolPolicy: "https-only", allowedMethods: [], cachedMethods: [], lambdaFunctionAssociations: [{ eventType: "viewer-request", lambdaArn: "arn:aws:lambda:us-east-1:5:function:edge-fn:1" }] },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: { cloudfrontDefaultCertificate: true },
    });
    assert.deepStrictEqual(placed(s.resources), []);
    s.resources[1].inputs.publish = false;
    assert.match(placed(s.resources)[0], /edge-fn is placed in us-east-1/);
  });

  it("Route 53 query logs in us-east-1 need the opt-in flag", () => {
    const s = new StackFixture();
    s.awsProvider("us-east-1", { region: "us-east-1" });
    s.add(aws.cloudwatch.LogGroup, "r53-queries", {}, { outputs: { arn: "arn:aws:logs:us-east-1:5:log-group:/aws/route53/x" } });
    s.add(aws.route53.QueryLog, "ql", { zoneId: "Z1", cloudwatchLogGroupArn: "arn:aws:logs:us-east-1:5:log-group:/aws/route53/x" });
    assert.match(placed(s.resources)[0], /r53-queries is placed in us-east-1/);
    assert.deepStrictEqual(placed(s.resources, { config: { policies: { "resource-placement": { allowRoute53QueryLogsInUsEast1: true }, "aws-provider-region": { allowRoute53QueryLogsInUsEast1: true } } } }), []);
  });

  describe("us-east-1 dependencies AWS requires besides CloudFront's", () => {
    const certArn = "arn:aws:acm:us-east-1:555555555555:certificate/domain";
    function domainStack(consumer: "cognito" | "appsync" | "none"): StackFixture {
      const s = new StackFixture();
      s.awsProvider();
      s.awsProvider("us-east-1", { region: "us-east-1" });
      s.add(aws.acm.Certificate, "domain-cert", { domainName: "auth.example.com", validationMethod: "DNS" }, { provider: "us-east-1", outputs: { arn: certArn } });
      s.add(aws.acm.CertificateValidation, "domain-cert-validation", { certificateArn: certArn }, { provider: "us-east-1" });
      if (consumer === "cognito") s.add(aws.cognito.UserPoolDomain, "auth", { domain: "auth.example.com", userPoolId: "ap-southeast-2_abc", certificateArn: certArn }, { provider: "aws" });
      if (consumer === "appsync") s.add(aws.appsync.DomainName, "api", { domainName: "api.example.com", certificateArn: certArn }, { provider: "aws" });
      return s;
    }
    it("a Cognito user pool custom domain's us-east-1 certificate (and its validation) passes", () => {
      assert.deepStrictEqual(placed(domainStack("cognito").resources), []);
    });
    it("an AppSync custom domain's us-east-1 certificate passes", () => {
      assert.deepStrictEqual(placed(domainStack("appsync").resources), []);
    });
    it("the same certificate with no consumer fails, with its validation", () => {
      const m = placed(domainStack("none").resources);
      assert.strictEqual(m.length, 2);
      assert.match(m[0], /^domain-cert is placed in us-east-1/);
    });
    it("a us-east-1 KMS key used by a Route 53 DNSSEC key-signing key passes; another us-east-1 key fails", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.awsProvider("us-east-1", { region: "us-east-1" });
      const keyArn = "arn:aws:kms:us-east-1:555555555555:key/dnssec";
      s.add(aws.kms.Key, "dnssec", { customerMasterKeySpec: "ECC_NIST_P256", keyUsage: "SIGN_VERIFY" }, { provider: "us-east-1", outputs: { arn: keyArn } });
      s.add(aws.kms.Key, "stray", {}, { provider: "us-east-1", outputs: { arn: "arn:aws:kms:us-east-1:555555555555:key/stray" } });
      s.add(aws.route53.KeySigningKey, "ksk", { hostedZoneId: "Z1", keyManagementServiceArn: keyArn, name: "ksk" }, { provider: "us-east-1" });
      const m = placed(s.resources);
      assert.strictEqual(m.length, 1);
      assert.match(m[0], /^stray is placed in us-east-1/);
    });
  });

  describe("aws-native (Cloud Control) resources and providers", () => {
    it("an aws-native bucket under a Sydney aws-native provider passes; under a Frankfurt one it fails on the bucket", () => {
      const s = new StackFixture();
      s.provider("pulumi:providers:aws-native", "native", { region: "ap-southeast-2" });
      s.provider("pulumi:providers:aws-native", "native-eu", { region: "eu-central-1" });
      s.push("aws-native:s3:Bucket", "ok", {}, { provider: "native" });
      s.push("aws-native:s3:Bucket", "away", {}, { provider: "native-eu" });
      const r = runOne(awsProviderRegion, s.resources).violations;
      assert.deepStrictEqual(r.map((v) => v.urn), [s.urnOf("aws-native:s3:Bucket", "away")]);
      assert.match(r[0].message, /away is placed in eu-central-1 \(from the region of its provider native-eu\)/);
    });
    it("aws-native IAM and Route 53 are global; Route 53 Resolver is not", () => {
      const s = new StackFixture();
      s.provider("pulumi:providers:aws-native", "native-us", { region: "us-east-1" });
      s.push("aws-native:iam:Role", "role", {}, { provider: "native-us" });
      s.push("aws-native:route53:HostedZone", "zone", {}, { provider: "native-us" });
      s.push("aws-native:route53resolver:ResolverEndpoint", "resolver", {}, { provider: "native-us" });
      const m = placed(s.resources);
      assert.strictEqual(m.length, 1);
      assert.match(m[0], /^resolver is placed in us-east-1/);
    });
    it("an aws-native provider with no region fails for what it places", () => {
      const s = new StackFixture();
      s.provider("pulumi:providers:aws-native", "native", {});
      s.push("aws-native:dynamodb:Table", "t", {}, { provider: "native" });
      assert.match(placed(s.resources)[0], /^t has no region/);
    });
  });

  it("allowedRegions narrows the allowed list", () => {
    const s = new StackFixture();
    s.awsProvider("melbourne", { region: "ap-southeast-4" });
    s.add(aws.sqs.Queue, "q", {});
    assert.match(placed(s.resources, { config: { allowedRegions: ["ap-southeast-2"] } })[0], /placed in ap-southeast-4/);
  });
});

describe("residency: providers", () => {
  describe("aws-provider-region: findings where the data is", () => {
    it("a Frankfurt provider is a finding for what it places, reported on the resource, not the provider", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.awsProvider("frankfurt", { region: "eu-central-1" });
      s.add(aws.sqs.Queue, "q", {}, { provider: "frankfurt" });
      const r = runOne(awsProviderRegion, s.resources).violations;
      assert.deepStrictEqual(r.map((v) => v.urn), [s.urnOf("aws:sqs/queue:Queue", "q")]);
      assert.match(r[0].message, /^q is placed in eu-central-1 \(from the region of its provider frankfurt\); set the region of provider frankfurt to "ap-southeast-2" or "ap-southeast-4"/);
      assert.deepStrictEqual(messages(resourcePlacement, s.resources), [], "the same placement is not reported twice");
    });
    it("a provider outside Australia that places only IAM, Organizations, Route 53 and CloudFront is compliant", () => {
      const s = new StackFixture();
      s.awsProvider("global", { region: "us-east-1" });
      s.add(aws.iam.Role, "role", { assumeRolePolicy: "{}" });
      s.add(aws.organizations.Policy, "scp", { content: "{}" });
      s.add(aws.route53.Zone, "zone", { name: "example.com" });
      s.add(aws.cloudfront.OriginAccessControl, "oac", { name: "o", originAccessControlOriginType: "s3", signingBehavior: "always", signingProtocol: "sigv4" });
      s.awsProvider("frankfurt", { region: "eu-central-1" });
      assert.deepStrictEqual(placed(s.resources), []);
    });
    it("a resource with its own Sydney region under a Frankfurt provider passes: it is not placed by the provider", () => {
      const s = new StackFixture();
      s.awsProvider("frankfurt", { region: "eu-central-1" });
      s.add(aws.sqs.Queue, "q", { region: "ap-southeast-2" });
      assert.deepStrictEqual(placed(s.resources), []);
    });
    it("a provider with no region fails for the resources it places (env or profile regions are invisible)", () => {
      const s = new StackFixture();
      s.awsProvider("bare", { region: undefined });
      s.add(aws.sqs.Queue, "q", {});
      s.add(aws.iam.Role, "role", { assumeRolePolicy: "{}" });
      const m = messages(awsProviderRegion, s.resources);
      assert.strictEqual(m.length, 1);
      assert.match(m[0], /^q has no region: no region input and its provider bare sets none/);
    });
    it("an unknown provider region fails closed for what it places", () => {
      const s = new StackFixture();
      s.awsProvider("p", { region: UNKNOWN_VALUE });
      s.add(aws.sqs.Queue, "q", {});
      assert.match(messages(awsProviderRegion, s.resources)[0], /q's region \(the region of its provider p\) is unknown until deployment.*\(fail closed\)/);
    });
    it("a us-east-1 provider passes only while everything on it is a proven dependency", () => {
      assert.deepStrictEqual(messages(awsProviderRegion, edgeStack(true).resources), []);
      const r = runOne(awsProviderRegion, edgeStack(false).resources).violations;
      assert.deepStrictEqual(r.map((v) => v.urn.split("::").pop()), ["edge-cert", "edge-cert-validation"]);
    });
  });

  describe("datadog-site", () => {
    policyCases(datadogSite, "pulumi:providers:datadog", { apiUrl: "https://api.ap2.datadoghq.com/" }, [
      { title: "the US1 default fails", change: { apiUrl: undefined }, expect: /apiUrl is not set, so the provider uses Datadog's US1 site/ },
      { title: "EU fails", change: { apiUrl: "https://api.datadoghq.eu/" }, expect: /"https:\/\/api.datadoghq.eu\/", a Datadog site outside Australia/ },
      { title: "without the trailing slash passes", change: { apiUrl: "https://api.ap2.datadoghq.com" } },
      { title: "unknown fails closed", change: { apiUrl: UNKNOWN_VALUE }, expect: /fail closed/ },
    ]);
  });
});
