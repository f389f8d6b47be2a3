// Test-only helper around @cloud-copilot/iam-simulate (AGPL: a devDependency, never imported by
// product code). It evaluates requests the way AWS would, against the documents our builders return.
import { getDenialReasons, runSimulation } from "@cloud-copilot/iam-simulate";
import { PolicyDocument } from "../../lib/iam/policyDocument";

export type Verdict = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

export interface Outcome {
  readonly result: Verdict;
  /** Sids of the statements that denied the request explicitly. */
  readonly deniedBy: string[];
}

export const ALLOW_ALL: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

export interface SimRequest {
  /** The caller: an IAM role or user ARN, the account root, or a service principal (`cloudtrail.amazonaws.com`). */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** The account that owns the resource. */
  readonly resourceAccount: string;
  /** Request context keys. `aws:PrincipalArn` is filled from the principal when it is an IAM ARN (AWS always sets it). */
  readonly context?: Record<string, string | string[]>;
  /** Identity policies of the caller. Default: none for service principals, allow-all otherwise. */
  readonly identity?: PolicyDocument[];
  /** SCPs from the root down: one list per level. Default none. */
  readonly scps?: { readonly target: string; readonly policies: readonly PolicyDocument[] }[];
  /** RCPs from the root down: one list per level (RCPFullAWSAccess is added by the simulator). Default none. */
  readonly rcps?: { readonly target: string; readonly policies: readonly PolicyDocument[] }[];
  /** The resource policy (bucket policy, key policy). */
  readonly resourcePolicy?: PolicyDocument;
  /** The session policy of a role session (a Transfer Family user's `policy`). Default none. */
  readonly sessionPolicy?: PolicyDocument;
}

/**
 * A VPC endpoint policy as the filter it is: like an SCP, a request passes only if a statement
 * allows it, and the simulator evaluates SCPs that way. Its `Principal: "*"` is dropped (an SCP has
 * none); every statement here uses `*` and conditions on the principal instead.
 */
export function endpointPolicyAsFilter(doc: PolicyDocument): PolicyDocument {
  for (const s of doc.Statement) if (s.Principal !== "*") throw new Error(`endpoint policy statement ${s.Sid} names a principal; only "*" can be modelled as a filter`);
  return { Version: doc.Version, Statement: doc.Statement.map(({ Principal: _p, ...rest }) => rest) };
}

function isService(principal: string): boolean {
  return /\.amazonaws\.com$/.test(principal);
}

/** The role ARN behind an assumed-role session ARN, which is what `aws:PrincipalArn` holds. */
function principalArn(principal: string): string {
  const m = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(principal);
  return m ? `arn:aws:iam::${m[1]}:role/${m[2]}` : principal;
}

export async function simulate(req: SimRequest): Promise<Outcome> {
  const service = isService(req.principal);
  const context: Record<string, string | string[]> = {
    ...(service ? { "aws:PrincipalIsAWSService": "true" } : { "aws:PrincipalArn": principalArn(req.principal), "aws:PrincipalIsAWSService": "false" }),
    ...req.context,
  };
  const response = await runSimulation(
    {
      request: { principal: req.principal, action: req.action, resource: { resource: req.resource, accountId: req.resourceAccount }, contextVariables: context },
      identityPolicies: (req.identity ?? (service ? [] : [ALLOW_ALL])).map((policy, i) => ({ name: `identity-${i}`, policy })),
      serviceControlPolicies: (req.scps ?? []).map((level) => ({ orgIdentifier: level.target, policies: level.policies.map((policy, i) => ({ name: `${level.target}-${i}`, policy })) })),
      resourceControlPolicies: (req.rcps ?? []).map((level) => ({ orgIdentifier: level.target, policies: level.policies.map((policy, i) => ({ name: `${level.target}-rcp-${i}`, policy })) })),
      resourcePolicy: req.resourcePolicy,
      sessionPolicy: req.sessionPolicy,
    },
    {},
  );
  if (response.resultType === "error") throw new Error(`the simulator rejected the request: ${JSON.stringify(response.errors)}`);
  if (response.resultType !== "single") throw new Error(`expected one resource, got a ${response.resultType} result; give a concrete resource ARN`);
  const deniedBy = getDenialReasons(response.result.analysis!)
    .filter((d) => d.denialType === "Explicit")
    .map((d) => (d.denialType === "Explicit" ? (d.statementId ?? `#${d.statementIndex}`) : ""));
  return { result: response.overallResult as Verdict, deniedBy };
}
