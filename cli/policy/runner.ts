import type { PolicyProviderResource, PolicyResource, ResourceValidation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { PlanResource, Violation } from "../../lib/plan";
import { LzPolicy, LzResourcePolicy, LzStackPolicy, PackDefinition, RunnerExtension, typeMatcher } from "../../policies/lib/policy";
import { ProviderView, providerView } from "../../policies/lib/region";
import { StackView, stackViewOfPlain } from "../../policies/lib/stack";
import { Waiver } from "../../policies/lib/waivers";
import { enforcementOf, loadPolicyConfig, PolicyConfigFile, policyOptions } from "./config";
import { allPacks } from "./packs";
import { PlannedResource, ProviderIndex } from "./plannedResource";
import { withSource } from "./sources";

export interface PolicyRunOptions {
  readonly stack: string;
  readonly policyConfigFile?: string;
  readonly now?: Date;
}
export interface WaiverUse {
  readonly urn: string;
  readonly policy: string;
  readonly reason: string;
  readonly approvedBy: string;
  readonly expires: string;
}
export interface PolicyRunResult {
  readonly violations: Violation[];
  readonly checks: number;
  readonly waivers: WaiverUse[];
}

/**
 * Runs every pack's policies (the objects `new PolicyPack` registers) over planned or exported
 * resources, the way the Pulumi CLI would: resource policies get the resource's properties and the
 * provider's inputs, stack policies get every resource with its dependencies. The properties are the
 * outputs where present (what the provider computed or defaulted is known only there), completed with
 * the inputs; a finding read from the outputs says so (sources.ts). Built for 10,000+ resources:
 * type -> policies dispatch is computed once per distinct type, provider views once per provider.
 */
export async function runPacks(resources: readonly PlanResource[], opts: PolicyRunOptions): Promise<PolicyRunResult> {
  const packs = allPacks();
  const config = loadPolicyConfig(opts.policyConfigFile, packs);
  return runPolicies(resources, packs, config, opts);
}

class NotApplicable extends Error {}

function listOf(v: ResourceValidation | ResourceValidation[] | undefined): ResourceValidation[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function notApplicable(reason?: string): never {
  throw new NotApplicable(reason);
}

interface Active<P extends LzPolicy> {
  readonly pack: PackDefinition;
  readonly policy: P;
  readonly level: "mandatory" | "advisory";
  readonly options: Record<string, unknown>;
  readonly getConfig: <T extends object>() => T;
  readonly matches: (type: string) => boolean;
  /** The policy's validateResource functions, as a list (resource policies only). */
  readonly validations: readonly ResourceValidation[];
}

const EMPTY_TAGS: ReadonlyMap<string, string> = new Map();

// Shared by every args object (the CLI's args.isType / asType compare the class's type token).
function isType(this: { type: string }, cls: { __pulumiType?: string }): boolean {
  return cls.__pulumiType === this.type;
}
function asType(this: { type: string; props: unknown }, cls: { __pulumiType?: string }): unknown {
  return cls.__pulumiType === this.type ? this.props : undefined;
}

const NO_TIMEOUTS = { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 };

function cannotJudge(r: PlanResource, a: Active<LzResourcePolicy>, err: unknown): Violation {
  return { urn: r.urn, type: r.type, pack: a.pack.name, policy: a.policy.name, enforcementLevel: "mandatory", message: `the policy could not judge this resource (${err instanceof Error ? err.message : String(err)}); it fails closed.` };
}

/**
 * One run's state. The functions policies call back into (the reporters, `onWaived`) and the loops are
 * long-lived (methods and module functions that read the run in progress), not closures made per run:
 * V8's optimised code for a policy inlines the reporter it calls, and a reporter made per run would
 * throw that code away at the end of every run (as would the loops' on-stack compiled code, which
 * captured the run's closures), so each run would start again in the interpreter.
 */
class Run implements RunnerExtension {
  readonly violations: Violation[] = [];
  readonly waivers: WaiverUse[] = [];
  checks = 0;
  /** What is being evaluated now, for findings and waived findings (policies run synchronously, one at a time). */
  pack: PackDefinition | undefined;
  policy: LzPolicy | undefined;
  level: "mandatory" | "advisory" = "mandatory";
  type = "";
  /** The resource and resource policy being evaluated. */
  evalRes: PlanResource | undefined;
  evalPolicy: Active<LzResourcePolicy> | undefined;
  /** The stack policy being evaluated. */
  evalStack: Active<LzStackPolicy> | undefined;

  constructor(
    readonly now: Date,
    readonly view: StackView,
    readonly stack: string,
  ) {}

  byUrn(urn: string): PlanResource | undefined {
    // The view indexes the resources by URN already (the last of a repeated URN wins, as a Map would).
    return (this.view.byUrn(urn) as PlannedResource | undefined)?.r;
  }

  focus(pack: PackDefinition, policy: LzPolicy, level: "mandatory" | "advisory", type: string): void {
    this.pack = pack;
    this.policy = policy;
    this.level = level;
    this.type = type;
  }

  onWaived(w: Waiver, urn: string, message: string): void {
    if (!this.pack || !this.policy) return;
    const type = this.byUrn(urn)?.type ?? this.type;
    this.violations.push({ urn, type, pack: this.pack.name, policy: this.policy.name, enforcementLevel: this.level, message, waiver: { reason: w.reason, approvedBy: w.approvedBy, expires: w.expires } });
    this.waivers.push({ urn, policy: `${this.pack.name}/${this.policy.name}`, reason: w.reason, approvedBy: w.approvedBy, expires: w.expires });
  }
}

/** The run in progress (runs are synchronous; a nested run saves and restores it). */
let running: Run | undefined;

function reportResource(message: string): void {
  const run = running!;
  const r = run.evalRes!;
  const a = run.evalPolicy!;
  run.violations.push({ urn: r.urn, type: r.type, pack: a.pack.name, policy: a.policy.name, enforcementLevel: a.level, message: withSource(r, message) });
}

function reportStack(message: string, urn?: string): void {
  const run = running!;
  const a = run.evalStack!;
  const target = urn ? run.byUrn(urn) : undefined;
  run.violations.push({ urn: target?.urn ?? urn ?? run.stack, type: target?.type ?? "pulumi:pulumi:Stack", pack: a.pack.name, policy: a.policy.name, enforcementLevel: a.level, message: withSource(target, message) });
}

/** Type matchers per policy, made once (the policies are module constants). */
const matchers = new WeakMap<LzPolicy, (type: string) => boolean>();
function matcherOf(policy: LzPolicy): (type: string) => boolean {
  let m = matchers.get(policy);
  if (!m) matchers.set(policy, (m = typeMatcher(policy.lz.types)));
  return m;
}

/** The args object resource policies get: one per run, refilled for every evaluation. */
interface ResourceArgs {
  type: string;
  props: Record<string, unknown>;
  urn: string;
  name: string;
  opts: { protect: boolean; retainOnDelete: boolean | undefined; ignoreChanges: string[]; aliases: string[]; customTimeouts: typeof NO_TIMEOUTS; additionalSecretOutputs: string[]; parent: string | undefined };
  provider: PolicyProviderResource | undefined;
  stackTags: ReadonlyMap<string, string>;
  isType: typeof isType;
  asType: typeof asType;
  getConfig: unknown;
  notApplicable: typeof notApplicable;
  lz: RunnerExtension;
}

// One resource's policies, apart from the loop over resources: the call into each policy sees many
// targets, and when V8 has to deoptimise that call only this small function goes back to the
// interpreter, not the whole loop (which would have to be optimised on-stack again).
function judgeResource(run: Run, args: ResourceArgs, r: PlanResource, list: readonly Active<LzResourcePolicy>[]): number {
  let n = 0;
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    run.focus(a.pack, a.policy, a.level, r.type);
    run.evalPolicy = a;
    args.getConfig = a.getConfig;
    try {
      const vs = a.validations;
      for (let j = 0; j < vs.length; j++) vs[j](args as unknown as ResourceValidationArgs, reportResource);
      n++;
    } catch (err) {
      if (err instanceof NotApplicable) continue;
      n++;
      run.violations.push(cannotJudge(r, a, err));
    }
  }
  return n;
}

/** Resource policies: dispatch computed once per distinct type. */
function resourceLoop(run: Run, resources: readonly PlanResource[], planned: readonly PlannedResource[], resourcePolicies: readonly Active<LzResourcePolicy>[]): void {
  const dispatch = new Map<string, Active<LzResourcePolicy>[]>();
  // One args object (and one options object) is reused for every evaluation: policies run
  // synchronously and keep no reference to it, and 10,000 resources x several policies would
  // otherwise allocate that many short-lived objects.
  const args: ResourceArgs = {
    type: "",
    props: {},
    urn: "",
    name: "",
    opts: { protect: false, retainOnDelete: false, ignoreChanges: [], aliases: [], customTimeouts: NO_TIMEOUTS, additionalSecretOutputs: [], parent: undefined },
    provider: undefined,
    stackTags: EMPTY_TAGS,
    isType,
    asType,
    getConfig: undefined,
    notApplicable,
    lz: run,
  };
  const resOpts = args.opts;
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    if (r.custom === false) continue;
    let list = dispatch.get(r.type);
    if (!list) dispatch.set(r.type, (list = resourcePolicies.filter((p) => p.matches(r.type))));
    if (list.length === 0) continue;
    args.type = r.type;
    // The outputs where the export has them (facts known only after creation), completed with the inputs.
    try {
      args.props = planned[i].props;
    } catch (err) {
      for (const a of list) run.violations.push(cannotJudge(r, a, err));
      run.checks += list.length;
      continue;
    }
    args.urn = r.urn;
    args.name = r.name;
    args.provider = planned[i].providerResource;
    resOpts.protect = r.protect;
    resOpts.retainOnDelete = r.retainOnDelete;
    resOpts.parent = r.parent ?? undefined;
    run.evalRes = r;
    run.checks += judgeResource(run, args, r, list);
  }
}

/** Stack policies: each judges the resources of its types; checks count those resources. */
function stackLoop(run: Run, resources: readonly PlanResource[], stackPolicies: readonly Active<LzStackPolicy>[]): void {
  const typeCounts = new Map<string, number>();
  for (const r of resources) typeCounts.set(r.type, (typeCounts.get(r.type) ?? 0) + 1);
  for (const a of stackPolicies) {
    let n = 0;
    for (const [t, c] of typeCounts) if (a.matches(t)) n += c;
    if (n === 0 && a.policy.name !== "waiver-expiry") continue;
    run.focus(a.pack, a.policy, a.level, "pulumi:pulumi:Stack");
    run.evalStack = a;
    const args = { resources: [] as PolicyResource[], stackTags: EMPTY_TAGS, getConfig: a.getConfig, notApplicable, lz: run } as unknown as StackValidationArgs;
    try {
      a.policy.validateStack(args, reportStack);
      run.checks += n;
    } catch (err) {
      if (err instanceof NotApplicable) continue;
      run.violations.push({ urn: run.stack, type: "pulumi:pulumi:Stack", pack: a.pack.name, policy: a.policy.name, enforcementLevel: "mandatory", message: `the policy could not judge the stack (${err instanceof Error ? err.message : String(err)}); it fails closed.` });
    }
  }
}

export function runPolicies(resources: readonly PlanResource[], packs: readonly PackDefinition[], config: PolicyConfigFile, opts: PolicyRunOptions): PolicyRunResult {
  const now = opts.now ?? new Date();

  const resourcePolicies: Active<LzResourcePolicy>[] = [];
  const stackPolicies: Active<LzStackPolicy>[] = [];
  for (const pack of packs) {
    for (const policy of pack.policies) {
      const lvl = enforcementOf(config, pack, policy);
      if (lvl === "disabled") continue;
      const options = policyOptions(config, pack, policy);
      const active = {
        pack,
        policy,
        level: lvl === "advisory" ? ("advisory" as const) : ("mandatory" as const),
        options,
        getConfig: <T extends object>() => options as T,
        matches: matcherOf(policy),
        validations: policy.lz.kind === "resource" ? listOf((policy as LzResourcePolicy).validateResource) : [],
      };
      if (policy.lz.kind === "resource") resourcePolicies.push(active as Active<LzResourcePolicy>);
      else stackPolicies.push(active as Active<LzStackPolicy>);
    }
  }

  // Providers, by URN, in the shape the CLI passes (`args.provider`).
  const providers = new ProviderIndex();
  for (const r of resources) if (r.type.startsWith("pulumi:providers:")) providers.add(r);

  // The stack view stack policies share: props merged lazily (inputs over outputs, which carry ids and ARNs).
  const planned: PlannedResource[] = new Array(resources.length);
  let lastProvider: PolicyProviderResource | undefined;
  let lastView: ProviderView | undefined;
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    const p = providers.get(r.provider);
    // Consecutive resources mostly share a provider: its view without a lookup.
    if (p !== lastProvider) {
      lastView = p ? providerView(p) : undefined;
      lastProvider = p;
    }
    planned[i] = new PlannedResource(r, p, lastView);
  }
  const run = new Run(now, stackViewOfPlain(planned), opts.stack);

  const outer = running;
  running = run;
  try {
    resourceLoop(run, resources, planned, resourcePolicies);
    stackLoop(run, resources, stackPolicies);
  } finally {
    running = outer;
  }
  run.pack = undefined;
  return { violations: run.violations, checks: run.checks, waivers: run.waivers };
}
