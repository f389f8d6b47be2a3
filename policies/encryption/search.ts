import type * as aws from "@pulumi/aws";
import { oneOf, show, wrong } from "../lib/messages";
import { resourcePolicy } from "../lib/policy";
import { at, flag, get, obj, Props, str } from "../lib/values";

/** OpenSearch / Elasticsearch domains and MSK clusters in transit. */

export const DEFAULT_TLS_POLICIES = ["Policy-Min-TLS-1-2-PFS-2023-10", "Policy-Min-TLS-1-2-2019-07"];

interface SearchConfig {
  readonly allowedTlsSecurityPolicies: readonly string[];
}

export const searchTls = resourcePolicy<Props, SearchConfig>({
  name: "search-tls",
  description: "OpenSearch domains must require HTTPS with TLS 1.2+ and encrypt node-to-node traffic.",
  types: ["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"],
  fix: 'Set domainEndpointOptions { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" } and nodeToNodeEncryption { enabled: true }.',
  config: {
    allowedTlsSecurityPolicies: { type: "array", items: { type: "string" }, minItems: 1, default: DEFAULT_TLS_POLICIES, description: "Accepted domainEndpointOptions.tlsSecurityPolicy values" },
  },
  defaults: { allowedTlsSecurityPolicies: DEFAULT_TLS_POLICIES },
  validate(p, ctx, report) {
    const ep = obj(get<aws.opensearch.DomainArgs>(p, "domainEndpointOptions"));
    if (flag(ep?.enforceHttps) !== true) report(wrong("domainEndpointOptions.enforceHttps", ep?.enforceHttps, "true"));
    const tls = ep?.tlsSecurityPolicy;
    if (!ctx.config.allowedTlsSecurityPolicies.includes(str(tls) ?? "")) {
      report(`domainEndpointOptions.tlsSecurityPolicy is ${show(tls)}; set it to ${oneOf(ctx.config.allowedTlsSecurityPolicies)}.`);
    }
    const n2n = at(get<aws.opensearch.DomainArgs>(p, "nodeToNodeEncryption"), "enabled");
    if (flag(n2n) !== true) report(wrong("nodeToNodeEncryption.enabled", n2n, "true"));
  },
});

export const mskTransitEncryption = resourcePolicy<Props>({
  name: "msk-transit-encryption",
  description: "MSK clusters must accept only TLS from clients and encrypt traffic between brokers.",
  types: ["aws:msk/cluster:Cluster"],
  fix: 'Set encryptionInfo.encryptionInTransit { clientBroker: "TLS", inCluster: true } (or leave the block out: the default is TLS).',
  validate(p, _ctx, report) {
    const t = obj(at(get<aws.msk.ClusterArgs>(p, "encryptionInfo"), "encryptionInTransit"));
    // No block: AWS defaults to TLS client-broker and in-cluster encryption.
    if (!t) return;
    if (t.clientBroker !== undefined && str(t.clientBroker) !== "TLS") report(wrong("encryptionInfo.encryptionInTransit.clientBroker", t.clientBroker, '"TLS" (TLS_PLAINTEXT and PLAINTEXT accept plaintext)'));
    const ic = flag(t.inCluster);
    if (ic === false || ic === "unknown") report(wrong("encryptionInfo.encryptionInTransit.inCluster", t.inCluster, "true"));
  },
});
