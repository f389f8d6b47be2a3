import type {
  EnforcementLevel,
  PolicyConfigSchema,
  PolicyPackArgs,
  PolicyProviderResource,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { CommonConfig, commonConfigSchema } from "./config";
import { ProviderView, providerView } from "./region";
import { StackView, stackViewOf } from "./stack";
import { raw } from "./unknown";
import { Props } from "./values";
import { findWaiver, nameOfUrn, Waiver } from "./waivers";

/**
 * How policies are declared. Each policy is a plain @pulumi/policy object (what `new PolicyPack`
 * registers) with a little metadata the offline runner reads: the resource types it judges (for a
 * precomputed type -> policies dispatch) and its pack. Only types are imported from @pulumi/policy,
 * so declaring and running policies never loads the gRPC server or the Pulumi SDK.
 */

/** Which resource types a policy judges: a list of tokens, or a predicate over the token. */
export type TypeSpec = readonly string[] | ((type: string) => boolean);

/**
 * What the offline runner adds to the args it passes (absent under the Pulumi CLI): the clock,
 * what CrossGuard cannot show (retainOnDelete), a prebuilt stack view, and where waived findings go.
 */
export interface RunnerExtension {
  readonly now: Date;
  readonly view?: StackView;
  /** A finding covered by an unexpired waiver: the runner lists it instead of failing. */
  onWaived(waiver: Waiver, urn: string, message: string): void;
}

export interface LzOptions {
  readonly protect: boolean;
  /** Only the offline runner knows it; undefined under the Pulumi CLI. */
  readonly retainOnDelete?: boolean;
}

export interface LzMeta {
  readonly kind: "resource" | "stack";
  readonly types: TypeSpec;
  /** The fix in one sentence, for `remediationSteps` and SARIF help. */
  readonly fix: string;
}

export type LzResourcePolicy = ResourceValidationPolicy & { readonly lz: LzMeta };
export type LzStackPolicy = StackValidationPolicy & { readonly lz: LzMeta };
export type LzPolicy = LzResourcePolicy | LzStackPolicy;

/** What a resource policy's check receives besides the props. */
export interface ResourceContext<C> {
  readonly type: string;
  readonly urn: string;
  readonly name: string;
  readonly config: C & CommonConfig;
  readonly provider?: ProviderView;
  readonly opts: LzOptions;
  readonly args: ResourceValidationArgs;
}

export interface StackContext<C> {
  readonly config: C & CommonConfig;
  readonly args: StackValidationArgs;
}

interface PolicyBase<C> {
  readonly name: string;
  readonly description: string;
  /** Default: the pack's level. */
  readonly enforcementLevel?: EnforcementLevel;
  readonly types: TypeSpec;
  readonly fix: string;
  /** Extra config keys (JSON schema) beyond the common ones (waivers, allowedRegions). */
  readonly config?: Readonly<Record<string, PolicyConfigJSONSchema>>;
  /** Defaults for the extra config keys. */
  readonly defaults?: Partial<C>;
}

export interface ResourcePolicySpec<P, C> extends PolicyBase<C> {
  validate(props: P, ctx: ResourceContext<C>, report: (message: string) => void): void;
}

export interface StackPolicySpec<C> extends PolicyBase<C> {
  /** `report("", message)` is a finding about the stack as a whole. */
  validate(stack: StackView, ctx: StackContext<C>, report: (urn: string, message: string) => void): void;
}

export function typeMatcher(types: TypeSpec): (type: string) => boolean {
  if (typeof types === "function") return types;
  const set = new Set(types);
  return (t) => set.has(t);
}

function schemaOf(extra: Readonly<Record<string, PolicyConfigJSONSchema>> | undefined): PolicyConfigSchema {
  return { properties: { ...commonConfigSchema, ...(extra ?? {}) } };
}

function ext(args: object): RunnerExtension | undefined {
  return (args as { lz?: RunnerExtension }).lz;
}


/** Config per getConfig function: the offline runner passes one per policy per run, so it is merged once. */
const configCache = new WeakMap<object, WeakMap<object, unknown>>();

// Takes the args (not a closure over them) so the tens of thousands of calls per run allocate nothing.
function configOf<C>(args: { getConfig(): object }, defaults: Partial<C> | undefined): C & CommonConfig {
  const identity = args.getConfig;
  const key = defaults ?? configCache;
  let byFn = configCache.get(key);
  if (!byFn) configCache.set(key, (byFn = new WeakMap()));
  const hit = byFn.get(identity);
  if (hit) return hit as C & CommonConfig;
  const merged = mergeConfig<C>(() => args.getConfig(), defaults);
  byFn.set(identity, merged);
  return merged;
}

function mergeConfig<C>(getConfig: () => object, defaults: Partial<C> | undefined): C & CommonConfig {
  const given = getConfig() as Partial<C & CommonConfig>;
  const out: Record<string, unknown> = { ...(defaults ?? {}) };
  for (const [k, v] of Object.entries(given ?? {})) if (v !== undefined && v !== null) out[k] = v;
  return out as C & CommonConfig;
}

/** Where a policy's findings go in one call: through its waivers to the reporter the caller gave. */
interface Reporting {
  readonly policy: string;
  readonly config: CommonConfig;
  readonly lz: RunnerExtension | undefined;
  readonly reportViolation: ReportViolation;
  readonly now: Date;
}

function reporting(policy: string, config: CommonConfig, lz: RunnerExtension | undefined, reportViolation: ReportViolation): Reporting {
  return { policy, config, lz, reportViolation, now: lz?.now ?? new Date() };
}

/** Reports through waivers: a waived finding goes to the runner (or is dropped under the CLI). */
function reportWaivable(r: Reporting, urn: string, name: string | undefined, message: string, reportUrn: boolean): void {
  const w = findWaiver(r.config.waivers, undefined, r.policy, urn, name, r.now);
  if (w) {
    r.lz?.onWaived(w, urn, message);
    return;
  }
  if (reportUrn && urn !== "") r.reportViolation(message, urn);
  else r.reportViolation(message);
}

export function resourcePolicy<P = Props, C = object>(spec: ResourcePolicySpec<P, C>): LzResourcePolicy {
  const matches = typeMatcher(spec.types);
  // One context object per policy, refilled per call: checks are synchronous and keep no reference,
  // and the offline runner calls this tens of thousands of times per stack.
  const ctx = { type: "", urn: "", name: "", config: undefined as unknown, provider: undefined as ProviderView | undefined, opts: undefined as unknown, args: undefined as unknown };
  let reportArgs: ResourceValidationArgs;
  let reportWaived: Reporting;
  const waivedReport = (message: string) => reportWaivable(reportWaived, reportArgs.urn, reportArgs.name, message, false);
  // The last getConfig and provider seen, with what they gave: the offline runner passes one getConfig
  // per policy for a whole run, and consecutive resources mostly share a provider.
  let lastGetConfig: unknown;
  let lastConfig: C & CommonConfig;
  let lastProvider: PolicyProviderResource | undefined;
  let lastView: ProviderView | undefined;
  const validateResource = (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
    if (!matches(args.type)) args.notApplicable(`${spec.name} does not judge ${args.type}`);
    let config = lastConfig;
    if (args.getConfig !== lastGetConfig) {
      config = lastConfig = configOf<C>(args as unknown as { getConfig(): object }, spec.defaults);
      lastGetConfig = args.getConfig;
    }
    ctx.type = args.type;
    ctx.urn = args.urn;
    ctx.name = args.name;
    ctx.config = config;
    const provider = args.provider;
    if (provider !== lastProvider) {
      lastView = provider ? providerView(provider) : undefined;
      lastProvider = provider;
    }
    ctx.provider = lastView;
    ctx.opts = args.opts;
    ctx.args = args;
    let report: (message: string) => void = reportViolation;
    if (config.waivers && config.waivers.length > 0) {
      reportArgs = args;
      reportWaived = reporting(spec.name, config, ext(args), reportViolation);
      report = waivedReport;
    }
    spec.validate(raw<P>(args.props), ctx as unknown as ResourceContext<C>, report);
  };
  if (Array.isArray(spec.types) && spec.types.length === 1) {
    // The same hint validateResourceOfType leaves: the CLI skips other types without calling us.
    (validateResource as unknown as { __pulumiType: string }).__pulumiType = spec.types[0];
  }
  return {
    ...declared(spec),
    validateResource,
    lz: { kind: "resource", types: spec.types, fix: spec.fix },
  };
}

/** What CrossGuard reads of either kind of policy, from its spec. */
function declared<C>(spec: PolicyBase<C>) {
  return {
    name: spec.name,
    description: spec.description,
    enforcementLevel: spec.enforcementLevel,
    remediationSteps: spec.fix,
    configSchema: schemaOf(spec.config),
  };
}

export function stackPolicy<C = object>(spec: StackPolicySpec<C>): LzStackPolicy {
  // One reporter per policy, reading the call in progress (calls are synchronous; a nested call saves
  // and restores it): a reporter made per call would be a new function each run, and V8 would drop
  // the policy's optimised code, which inlines the reporter, at the end of every run.
  let call: { readonly view: StackView; readonly reporting: Reporting } | undefined;
  const report = (urn: string, message: string): void => {
    const c = call!;
    reportWaivable(c.reporting, urn, c.view.byUrn(urn)?.name ?? nameOfUrn(urn), message, true);
  };
  const validateStack = (args: StackValidationArgs, reportViolation: ReportViolation): void => {
    const config = configOf<C>(args as unknown as { getConfig(): object }, spec.defaults);
    const lz = ext(args);
    const view = lz?.view ?? stackViewOf(args.resources as PolicyResource[]);
    const outer = call;
    call = { view, reporting: reporting(spec.name, config, lz, reportViolation) };
    try {
      spec.validate(view, { config, args }, report);
    } finally {
      call = outer;
    }
  };
  return {
    ...declared(spec),
    validateStack,
    lz: { kind: "stack", types: spec.types, fix: spec.fix },
  };
}

export interface PackDefinition {
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly policies: readonly LzPolicy[];
  /** What `new PolicyPack(name, args)` takes: the same policy objects. */
  readonly args: PolicyPackArgs;
}

export function definePack(name: string, description: string, enforcementLevel: EnforcementLevel, policies: readonly LzPolicy[]): PackDefinition {
  const seen = new Set<string>();
  for (const p of policies) {
    if (seen.has(p.name)) throw new Error(`policy pack ${name}: two policies are named ${p.name}`);
    seen.add(p.name);
  }
  return {
    name,
    description,
    enforcementLevel,
    policies,
    args: { description, enforcementLevel, policies: [...policies] },
  };
}
