import { oneOf, show, wrong } from "../lib/messages";
import { resourcePolicy, stackPolicy } from "../lib/policy";
import { ViewResource } from "../lib/stack";
import { isUnknown } from "../lib/unknown";
import { collect, isSet, obj, Props, str } from "../lib/values";

/**
 * Load balancers in transit. A listener is judged with its rules: plain HTTP passes only when the
 * listener's sole default action, and every rule on it, redirects to HTTPS.
 */

const LISTENERS = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
const RULES = ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"];
const CLASSIC = "aws:elb/loadBalancer:LoadBalancer";

/** TLS 1.2+ predefined policies (ELBSecurityPolicy-2016-08, the default, allows TLS 1.0). */
export const DEFAULT_SSL_POLICY_PREFIXES = ["ELBSecurityPolicy-TLS13-1-2-", "ELBSecurityPolicy-TLS13-1-3-", "ELBSecurityPolicy-FS-1-2-", "ELBSecurityPolicy-TLS-1-2-"];

interface TlsConfig {
  readonly allowedSslPolicyPrefixes: readonly string[];
}

const TLS_PROTOCOLS = ["HTTPS", "TLS"];
const PLAINTEXT_L4 = ["TCP", "UDP", "TCP_UDP", "QUIC", "TCP_QUIC"];

/** Whether every action redirects to HTTPS (and nothing else happens). */
function redirectsToHttps(actions: readonly unknown[]): boolean {
  return actions.length > 0 && actions.every((a) => str(obj(a)?.type) === "redirect" && str(obj(obj(a)?.redirect)?.protocol) === "HTTPS");
}

function listenerProblems(l: ViewResource, rules: readonly ViewResource[], config: TlsConfig): string[] {
  const p = l.props;
  const out: string[] = [];
  const proto = p.protocol;
  if (isUnknown(proto)) return [`protocol is unknown until deployment; set protocol to "HTTPS" (or "TLS") as a literal.`];
  const protocol = (str(proto) ?? "HTTP").toUpperCase();
  if (TLS_PROTOCOLS.includes(protocol)) {
    if (!isSet(p.certificateArn)) out.push(wrong("certificateArn", p.certificateArn, "an ACM certificate ARN in the listener's region"));
    const policy = str(p.sslPolicy);
    if (!isUnknown(p.sslPolicy) && !(policy && config.allowedSslPolicyPrefixes.some((x) => policy.startsWith(x)))) {
      out.push(
        `sslPolicy is ${policy ? JSON.stringify(policy) : "not set (ELBSecurityPolicy-2016-08, which allows TLS 1.0)"}; set sslPolicy to a TLS 1.2+ policy such as "ELBSecurityPolicy-TLS13-1-2-2021-06" (allowed prefixes: ${oneOf(config.allowedSslPolicyPrefixes)}).`,
      );
    }
    return out;
  }
  if (protocol === "HTTP") {
    const actions = collect(p, "defaultActions[]").map((f) => f.value);
    if (actions.length !== 1 || !redirectsToHttps(actions)) {
      out.push(`protocol is ${show(proto ?? "HTTP (the default)")} and defaultActions is not a sole redirect to HTTPS; set protocol to "HTTPS" with a certificate, or make defaultActions [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }].`);
    }
    for (const r of rules) {
      const ra = collect(r.props, "actions[]").map((f) => f.value);
      if (!redirectsToHttps(ra)) out.push(`listener rule ${r.name} serves traffic on this plain-HTTP listener; make its actions a redirect to HTTPS or attach it to an HTTPS listener.`);
    }
    return out;
  }
  return out;
}

export const loadBalancerTls = stackPolicy<TlsConfig>({
  name: "load-balancer-tls",
  description: "Load balancer listeners must use HTTPS/TLS with a TLS 1.2+ policy; plain HTTP only as a redirect to HTTPS.",
  types: [...LISTENERS, ...RULES, CLASSIC],
  fix: 'Set protocol "HTTPS" (or "TLS"), certificateArn and sslPolicy "ELBSecurityPolicy-TLS13-1-2-2021-06"; keep port 80 only as a redirect to HTTPS.',
  config: {
    allowedSslPolicyPrefixes: {
      type: "array",
      items: { type: "string" },
      minItems: 1,
      default: DEFAULT_SSL_POLICY_PREFIXES,
      description: "Prefixes of accepted ELB security policies",
    },
  },
  defaults: { allowedSslPolicyPrefixes: DEFAULT_SSL_POLICY_PREFIXES },
  validate(stack, { config }, report) {
    for (const l of stack.ofType(...LISTENERS)) {
      const rules = stack.referrers(l, RULES, "listenerArn");
      for (const m of listenerProblems(l, rules, config)) report(l.urn, m);
    }
    for (const lb of stack.ofType(CLASSIC)) {
      for (const f of collect(lb.props, "listeners[]")) {
        const li = obj(f.value) ?? {};
        const front = str(li.lbProtocol)?.toLowerCase();
        if (front !== "https" && front !== "ssl") report(lb.urn, wrong(`${f.path}.lbProtocol`, li.lbProtocol, '"https" (or "ssl") with sslCertificateId'));
        else if (!isSet(li.sslCertificateId)) report(lb.urn, wrong(`${f.path}.sslCertificateId`, li.sslCertificateId, "an ACM certificate ARN"));
        const back = str(li.instanceProtocol)?.toLowerCase();
        if (back !== "https" && back !== "ssl") report(lb.urn, wrong(`${f.path}.instanceProtocol`, li.instanceProtocol, '"https" (or "ssl"): the hop to the instances is plaintext otherwise'));
      }
    }
  },
});

export const loadBalancerPlaintextL4 = resourcePolicy<Props>({
  name: "load-balancer-plaintext-protocols",
  description: "TCP, UDP and QUIC listeners pass traffic through unencrypted by the load balancer; prefer TLS listeners.",
  enforcementLevel: "advisory",
  types: LISTENERS,
  fix: 'Use protocol "TLS" with a certificate, or make sure the application encrypts end to end.',
  validate(p, _ctx, report) {
    const proto = str(p.protocol)?.toUpperCase();
    if (proto && PLAINTEXT_L4.includes(proto)) report(`protocol is ${JSON.stringify(p.protocol)}; use "TLS" with certificateArn, or confirm the application encrypts the stream end to end.`);
  },
});
