import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { resourcePlacement } from "../../../policies/residency/placement";
import { awsProviderRegion, datadogSite } from "../../../policies/residency/providers";
import { messages, policyCases, StackFixture, UNKNOWN_VALUE } from "../helpers";

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
    assert.deepStrictEqual(messages(resourcePlacement, s.resources), []);
  });

  it("a bucket with region us-east-1 under a Sydney provider fails: the resource's own region wins", () => {
    const s = new StackFixture();
    s.awsProvider();
    s.add(aws.s3.Bucket, "data", { region: "us-east-1" });
    const m = messages(resourcePlacement, s.resources);
    assert.strictEqual(m.length, 1);
    assert.match(m[0], /data is placed in us-east-1 \(from its own region input\).*set its region input to "ap-southeast-2" or "ap-southeast-4"/);
  });

  it("a resource with region ap-southeast-4 under a us-west-2 provider passes", () => {
    const s = new StackFixture();
    s.awsProvider("oregon", { region: "us-west-2" });
    s.add(aws.sqs.Queue, "q", { region: "ap-southeast-4" });
    assert.deepStrictEqual(messages(resourcePlacement, s.resources), []);
  });

  it("an unknown region fails closed, and says so", () => {
    const s = new StackFixture();
    s.awsProvider();
    s.add(aws.sqs.Queue, "q", { region: UNKNOWN_VALUE });
    assert.match(messages(resourcePlacement, s.resources)[0], /region \(its own region input\) is unknown until deployment, so its placement cannot be verified \(fail closed\)/);
  });

  it("a provider without a region fails closed for its resources", () => {
    const s = new StackFixture();
    s.awsProvider("envregion", { region: undefined });
    s.add(aws.sqs.Queue, "q", {});
    assert.match(messages(resourcePlacement, s.resources)[0], /q has no region: .*sets none/);
  });

  it("global services are exempt; Route 53 Resolver is not", () => {
    const s = new StackFixture();
    s.awsProvider("us-east-1", { region: "us-east-1" });
    s.add(aws.iam.Role, "role", { assumeRolePolicy: "{}" });
    s.add(aws.route53.Zone, "zone", { name: "example.com" });
    s.add(aws.route53.ResolverEndpoint, "resolver", { direction: "INBOUND", securityGroupIds: [], ipAddresses: [] });
    const m = messages(resourcePlacement, s.resources);
    assert.strictEqual(m.length, 1);
    assert.match(m[0], /^resolver is placed in us-east-1/);
  });

  it("an ACM certificate in us-east-1 with a CloudFront consumer passes (with its validation)", () => {
    assert.deepStrictEqual(messages(resourcePlacement, edgeStack(true).resources), []);
  });

  it("the same certificate without a consumer fails, as does its validation", () => {
    const m = messages(resourcePlacement, edgeStack(false).resources);
    assert.strictEqual(m.length, 2);
    assert.match(m[0], /edge-cert is placed in us-east-1 .* and no CloudFront consumer in this stack proves it must be there/);
  });

  it("a CLOUDFRONT web ACL used by a distribution passes; a REGIONAL one in us-east-1 fails", () => {
    const s = new StackFixture();
    s.awsProvider("us-east-1", { region: "us-east-1" });
    const acl = s.add(aws.wafv2.WebAcl, "cf-acl", { scope: "CLOUDFRONT", defaultAction: { allow: {} }, visibilityConfig: { cloudwatchMetricsEnabled: false, metricName: "m", sampledRequestsEnabled: false } }, { outputs: { arn: "arn:aws:wafv2:us-east-1:5:global/webacl/cf-acl/1" } });
    s.add(aws.wafv2.WebAcl, "regional-acl", { scope: "REGIONAL", defaultAction: { allow: {} }, visibilityConfig: { cloudwatchMetricsEnabled: false, metricName: "m", sampledRequestsEnabled: false } });
    s.add(aws.cloudfront.Distribution, "site", { enabled: true, webAclId: "arn:aws:wafv2:us-east-1:5:global/webacl/cf-acl/1", origins: [], defaultCacheBehavior: { targetOriginId: "o", viewerProtocolPolicy: "https-only", allowedMethods: [], cachedMethods: [] }, restrictions: { geoRestriction: { restrictionType: "none" } }, viewerCertificate: { cloudfrontDefaultCertificate: true } });
    void acl;
    const m = messages(resourcePlacement, s.resources);
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
    assert.deepStrictEqual(messages(resourcePlacement, s.resources), []);
    s.resources[1].inputs.publish = false;
    assert.match(messages(resourcePlacement, s.resources)[0], /edge-fn is placed in us-east-1/);
  });

  it("Route 53 query logs in us-east-1 need the opt-in flag", () => {
    const s = new StackFixture();
    s.awsProvider("us-east-1", { region: "us-east-1" });
    s.add(aws.cloudwatch.LogGroup, "r53-queries", {}, { outputs: { arn: "arn:aws:logs:us-east-1:5:log-group:/aws/route53/x" } });
    s.add(aws.route53.QueryLog, "ql", { zoneId: "Z1", cloudwatchLogGroupArn: "arn:aws:logs:us-east-1:5:log-group:/aws/route53/x" });
    assert.match(messages(resourcePlacement, s.resources)[0], /r53-queries is placed in us-east-1/);
    assert.deepStrictEqual(messages(resourcePlacement, s.resources, { config: { policies: { "resource-placement": { allowRoute53QueryLogsInUsEast1: true } } } }), []);
  });

  it("allowedRegions narrows the allowed list", () => {
    const s = new StackFixture();
    s.awsProvider("melbourne", { region: "ap-southeast-4" });
    s.add(aws.sqs.Queue, "q", {});
    assert.match(messages(resourcePlacement, s.resources, { config: { allowedRegions: ["ap-southeast-2"] } })[0], /placed in ap-southeast-4/);
  });
});

describe("residency: providers", () => {
  describe("aws-provider-region (matched on pulumi:providers:aws)", () => {
    it("a Sydney provider passes; a Frankfurt provider fails", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.awsProvider("frankfurt", { region: "eu-central-1" });
      const m = messages(awsProviderRegion, s.resources);
      assert.strictEqual(m.length, 1);
      assert.match(m[0], /provider frankfurt's region is "eu-central-1"; set region to "ap-southeast-2" or "ap-southeast-4"/);
    });
    it("a provider with no region fails (env or profile regions are invisible)", () => {
      const s = new StackFixture();
      s.awsProvider("bare", { region: undefined });
      assert.match(messages(awsProviderRegion, s.resources)[0], /sets no region, so it would take AWS_REGION/);
    });
    it("an unknown provider region fails closed", () => {
      const s = new StackFixture();
      s.awsProvider("p", { region: UNKNOWN_VALUE });
      assert.match(messages(awsProviderRegion, s.resources)[0], /unknown until deployment \(fail closed\)/);
    });
    it("a us-east-1 provider passes only while everything on it is a proven CloudFront dependency", () => {
      assert.deepStrictEqual(messages(awsProviderRegion, edgeStack(true).resources), []);
      assert.match(messages(awsProviderRegion, edgeStack(false).resources)[0], /provider us-east-1 is in us-east-1 and places edge-cert, edge-cert-validation there/);
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
