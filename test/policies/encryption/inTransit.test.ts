import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { apiGatewayTls } from "../../../policies/encryption/apiGateway";
import { cacheTransitEncryption } from "../../../policies/encryption/caches";
import { cloudfrontDefaultCertificate, cloudfrontTls } from "../../../policies/encryption/cloudfront";
import { ecsEfsTransitEncryption } from "../../../policies/encryption/ecs";
import { loadBalancerPlaintextL4, loadBalancerTls } from "../../../policies/encryption/loadBalancers";
import { mskTransitEncryption, searchTls } from "../../../policies/encryption/search";
import { transferServerTls } from "../../../policies/encryption/transfer";
import { messages, policyCases, StackFixture } from "../helpers";

const CERT = "arn:aws:acm:ap-southeast-2:555555555555:certificate/abc";
const REDIRECT = [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }];

describe("encryption in transit", () => {
  describe("load-balancer-tls (listener judged with its rules)", () => {
    policyCases(loadBalancerTls, aws.lb.Listener, { loadBalancerArn: "lb", protocol: "HTTPS", certificateArn: CERT, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", defaultActions: [{ type: "forward", targetGroupArn: "tg" }] }, [
      { title: "HTTPS without a certificate fails", change: { certificateArn: undefined }, expect: /certificateArn is not set/ },
      { title: "the 2016-08 default policy fails", change: { sslPolicy: undefined }, expect: /sslPolicy is not set \(ELBSecurityPolicy-2016-08/ },
      { title: "a TLS 1.0 policy fails", change: { sslPolicy: "ELBSecurityPolicy-TLS13-1-0-2021-06" }, expect: /sslPolicy is "ELBSecurityPolicy-TLS13-1-0-2021-06"/ },
      { title: "HTTP forwarding fails", change: { protocol: "HTTP", certificateArn: undefined, sslPolicy: undefined }, expect: /defaultActions is not a sole redirect to HTTPS/ },
      { title: "HTTP as a sole redirect to HTTPS passes", change: { protocol: "HTTP", certificateArn: undefined, sslPolicy: undefined, defaultActions: REDIRECT } },
      { title: "an omitted protocol is HTTP (the ALB default)", change: { protocol: undefined, defaultActions: [{ type: "forward", targetGroupArn: "tg" }] }, expect: /HTTP \(the default\)/ },
      { title: "a custom policy prefix can be allowed", change: { sslPolicy: "Custom-TLS12" }, options: { allowedSslPolicyPrefixes: ["Custom-"] } },
    ]);
    it("a rule that forwards on the redirecting HTTP listener fails", () => {
      const s = new StackFixture();
      s.awsProvider();
      s.add(aws.lb.Listener, "http", { loadBalancerArn: "lb", protocol: "HTTP", defaultActions: REDIRECT }, { outputs: { arn: "arn:aws:elasticloadbalancing:ap-southeast-2:5:listener/app/x/1/2" } });
      s.add(aws.lb.ListenerRule, "api", { listenerArn: "arn:aws:elasticloadbalancing:ap-southeast-2:5:listener/app/x/1/2", actions: [{ type: "forward", targetGroupArn: "tg" }], conditions: [] });
      const m = messages(loadBalancerTls, s.resources);
      assert.strictEqual(m.length, 1);
      assert.match(m[0], /listener rule api serves traffic on this plain-HTTP listener/);
    });
    policyCases(loadBalancerTls, aws.elb.LoadBalancer, { listeners: [{ instancePort: 443, instanceProtocol: "https", lbPort: 443, lbProtocol: "https", sslCertificateId: CERT }] }, [
      { title: "a plain HTTP classic listener fails", change: { listeners: [{ instancePort: 80, instanceProtocol: "http", lbPort: 80, lbProtocol: "http" }] }, expect: /listeners\[0\]\.(lbProtocol|instanceProtocol) is "http"/ },
    ]);
  });

  describe("load-balancer-plaintext-protocols (advisory)", () => {
    policyCases(loadBalancerPlaintextL4, aws.lb.Listener, { loadBalancerArn: "lb", protocol: "TLS", defaultActions: [] }, [{ title: "TCP is reported", change: { protocol: "TCP" }, expect: /protocol is "TCP"; use "TLS"/ }]);
  });

  describe("cloudfront-tls", () => {
    const dist = {
      enabled: true,
      origins: [{ originId: "alb", domainName: "app-1.ap-southeast-2.elb.amazonaws.com", customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] } }],
      defaultCacheBehavior: { targetOriginId: "alb", viewerProtocolPolicy: "redirect-to-https", allowedMethods: ["GET"], cachedMethods: ["GET"] },
      viewerCertificate: { acmCertificateArn: "arn:aws:acm:us-east-1:5:certificate/x", sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" },
      restrictions: { geoRestriction: { restrictionType: "none" } },
    };
    policyCases(cloudfrontTls, aws.cloudfront.Distribution, dist, [
      { title: "allow-all viewers fail", change: { defaultCacheBehavior: { ...dist.defaultCacheBehavior, viewerProtocolPolicy: "allow-all" } }, expect: /defaultCacheBehavior.viewerProtocolPolicy is "allow-all"/ },
      { title: "an old minimum protocol fails", change: { viewerCertificate: { ...dist.viewerCertificate, minimumProtocolVersion: "TLSv1.2_2019" } }, expect: /minimumProtocolVersion is "TLSv1.2_2019"/ },
      { title: "an HTTP origin fails", change: { origins: [{ ...dist.origins[0], customOriginConfig: { ...dist.origins[0].customOriginConfig, originProtocolPolicy: "http-only" } }] }, expect: /originProtocolPolicy is "http-only"; set it to "https-only"/ },
      { title: "TLSv1.1 to the origin fails", change: { origins: [{ ...dist.origins[0], customOriginConfig: { ...dist.origins[0].customOriginConfig, originSslProtocols: ["TLSv1.1", "TLSv1.2"] } }] }, expect: /originSslProtocols includes "TLSv1.1"/ },
      { title: "an S3 website origin is called out", change: { origins: [{ ...dist.origins[0], domainName: "b.s3-website-ap-southeast-2.amazonaws.com", customOriginConfig: { ...dist.origins[0].customOriginConfig, originProtocolPolicy: "http-only" } }] }, expect: /S3 website endpoint speaks HTTP only/ },
    ]);
    policyCases(cloudfrontTls, aws.cloudfront.VpcOrigin, { vpcOriginEndpointConfig: { arn: "a", httpPort: 80, httpsPort: 443, name: "n", originProtocolPolicy: "https-only", originSslProtocols: { items: ["TLSv1.2"], quantity: 1 } } }, [
      { title: "match-viewer fails", change: { vpcOriginEndpointConfig: { arn: "a", httpPort: 80, httpsPort: 443, name: "n", originProtocolPolicy: "match-viewer", originSslProtocols: { items: ["TLSv1.2"], quantity: 1 } } }, expect: /vpcOriginEndpointConfig.originProtocolPolicy is "match-viewer"/ },
    ]);
    policyCases(cloudfrontDefaultCertificate, aws.cloudfront.Distribution, dist, [
      { title: "the default certificate is reported (advisory)", change: { viewerCertificate: { cloudfrontDefaultCertificate: true } }, expect: /cloudfrontDefaultCertificate is true/ },
    ]);
  });

  describe("api-gateway-tls", () => {
    policyCases(apiGatewayTls, aws.apigateway.DomainName, { domainName: "api.example.com", securityPolicy: "TLS_1_2" }, [
      { title: "TLS_1_0 fails", change: { securityPolicy: "TLS_1_0" }, expect: /securityPolicy is "TLS_1_0"/ },
      { title: "an enhanced policy needs endpointAccessMode", change: { securityPolicy: "SecurityPolicy_TLS13_1_2_2021_06" }, expect: /needs endpointAccessMode/ },
      { title: "an enhanced policy with endpointAccessMode passes", change: { securityPolicy: "SecurityPolicy_TLS13_1_2_2021_06", endpointAccessMode: "STRICT" } },
    ]);
    policyCases(apiGatewayTls, aws.apigatewayv2.DomainName, { domainName: "api.example.com", domainNameConfiguration: { certificateArn: CERT, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" } }, [
      { title: "TLS_1_0 on v2 fails", change: { domainNameConfiguration: { certificateArn: CERT, endpointType: "REGIONAL", securityPolicy: "TLS_1_0" } }, expect: /domainNameConfiguration.securityPolicy is "TLS_1_0"/ },
    ]);
  });

  describe("cache-transit-encryption", () => {
    policyCases(cacheTransitEncryption, aws.elasticache.ReplicationGroup, { description: "c", transitEncryptionEnabled: true, authToken: "[secret]" }, [
      { title: "transit off fails", change: { transitEncryptionEnabled: false }, expect: /transitEncryptionEnabled is false/ },
      { title: "preferred mode accepts plaintext", change: { transitEncryptionMode: "preferred" }, expect: /"preferred", which still accepts plaintext/ },
      { title: "no auth token or user groups fails", change: { authToken: undefined }, expect: /authToken is not set and userGroupIds is empty/ },
      { title: "RBAC user groups pass", change: { authToken: undefined, userGroupIds: ["g"] } },
    ]);
    policyCases(cacheTransitEncryption, aws.memorydb.Cluster, { aclName: "a", nodeType: "db.t4g.small" }, [{ title: "tlsEnabled false fails", change: { tlsEnabled: false }, expect: /tlsEnabled is false/ }]);
    policyCases(cacheTransitEncryption, aws.dax.Cluster, { clusterName: "d", iamRoleArn: "r", nodeType: "n", replicationFactor: 1, clusterEndpointEncryptionType: "TLS" }, [{ title: "NONE fails", change: { clusterEndpointEncryptionType: undefined }, expect: /clusterEndpointEncryptionType is not set/ }]);
  });

  describe("search-tls and msk-transit-encryption", () => {
    policyCases(searchTls, aws.opensearch.Domain, { domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" }, nodeToNodeEncryption: { enabled: true } }, [
      { title: "HTTPS not enforced fails", change: { domainEndpointOptions: { enforceHttps: false, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" } }, expect: /enforceHttps is false/ },
      { title: "TLS 1.0 policy fails", change: { domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-0-2019-07" } }, expect: /tlsSecurityPolicy is "Policy-Min-TLS-1-0-2019-07"/ },
      { title: "node-to-node off fails", change: { nodeToNodeEncryption: { enabled: false } }, expect: /nodeToNodeEncryption.enabled is false/ },
    ]);
    policyCases(mskTransitEncryption, aws.msk.Cluster, { clusterName: "k", kafkaVersion: "3.6.0", numberOfBrokerNodes: 2, brokerNodeGroupInfo: { clientSubnets: [], instanceType: "kafka.t3.small", securityGroups: [] } }, [
      { title: "TLS_PLAINTEXT fails", change: { encryptionInfo: { encryptionInTransit: { clientBroker: "TLS_PLAINTEXT" } } }, expect: /clientBroker is "TLS_PLAINTEXT"/ },
      { title: "inCluster false fails", change: { encryptionInfo: { encryptionInTransit: { clientBroker: "TLS", inCluster: false } } }, expect: /inCluster is false/ },
    ]);
  });

  describe("transfer-server-tls and ecs-efs-transit-encryption", () => {
    policyCases(transferServerTls, aws.transfer.Server, { protocols: ["SFTP"], securityPolicyName: "TransferSecurityPolicy-2024-01" }, [
      { title: "FTP fails", change: { protocols: ["SFTP", "FTP"] }, expect: /includes "FTP"/ },
      { title: "the 2018 default fails", change: { securityPolicyName: undefined }, expect: /TransferSecurityPolicy-2018-11/ },
    ]);
    policyCases(ecsEfsTransitEncryption, aws.ecs.TaskDefinition, { family: "f", containerDefinitions: "[]", volumes: [{ name: "data", efsVolumeConfiguration: { fileSystemId: "fs-1", transitEncryption: "ENABLED" } }] }, [
      { title: "an EFS volume without transit encryption fails", change: { volumes: [{ name: "data", efsVolumeConfiguration: { fileSystemId: "fs-1" } }] }, expect: /volumes\[0\]\.efsVolumeConfiguration.transitEncryption is not set/ },
    ]);
  });
});
