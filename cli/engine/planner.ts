import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { dependenciesOf, loadAllStackConfigs, PROJECT_ROOT, projectRoot, readStackFile, StackConfig } from "../../config";
import { didYouMean } from "../../config/schema/zodIssues";
import { withConfigSnapshot } from "../../config/snapshot";
import { PlanResource, PlanResult, Violation } from "../../lib/plan";
import { UsageError } from "../io";
import { runPacks } from "../policy/runner";
import { PlanMonitor, RegisteredResource } from "./monitor";
import { toPlain } from "./values";

// SDK internals the mock runtime needs (the public setMocks does exactly this, with its own monitor).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings: { setMockOptions(m: unknown, project: string, stack: string, preview: boolean, org: string): void; waitForRPCs(): Promise<void> } = require("@pulumi/pulumi/runtime/settings");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const state: { getStore(): Record<string, any> } = require("@pulumi/pulumi/runtime/state");

export const PROJECT = "landing-zone";

/**
 * Two debugging aids of the SDK's language host that cost a plan a third of its time and that nobody
 * reads offline:
 * - `Resource.stackTrace`, called in every resource's constructor: a full stack trace, each frame
 *   turned into a file URL, sent to the engine as the resource's source position (for the console);
 * - `debuggablePromise`, which wraps each of the SDK's internal promises (several per property of
 *   every resource) in two more, with an id, a context string and a stack, to report promises
 *   still pending when the process exits. The planner waits for every RPC itself (waitForRPCs).
 * test/engine/planner.test.ts checks both hooks exist in the installed SDK, so an upgrade that moves
 * them fails a test rather than slowing plans quietly.
 */
const ResourceClass = pulumi.Resource as unknown as { stackTrace(skip: number): unknown[] };
const noStackTrace = (): unknown[] => [];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const debuggable: { debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T> } = require("@pulumi/pulumi/runtime/debuggable");
const plainPromise = <T>(p: Promise<T>): Promise<T> => p;

/**
 * Runs `fn` with the SDK as `lz plan` runs programs: no stack trace captured per internal promise
 * (`Error.stackTraceLimit = 0`) and the two aids above off; everything is put back after. With
 * LZ_DEBUG set, the SDK is left as it is (slower, with its traces). The values a program sees do
 * not change. The bench's engine floor runs under it too (bench/floor.ts).
 */
export async function withOfflineRuntime<T>(fn: () => Promise<T>): Promise<T> {
  if (process.env.LZ_DEBUG) return fn();
  const saved = { limit: Error.stackTraceLimit, stackTrace: ResourceClass.stackTrace, debuggablePromise: debuggable.debuggablePromise };
  Error.stackTraceLimit = 0;
  ResourceClass.stackTrace = noStackTrace;
  debuggable.debuggablePromise = plainPromise;
  try {
    return await fn();
  } finally {
    Error.stackTraceLimit = saved.limit;
    ResourceClass.stackTrace = saved.stackTrace;
    debuggable.debuggablePromise = saved.debuggablePromise;
  }
}

/** A program as `pulumi up` runs it: the default export of stacks/index.ts. */
export type Program = () => Promise<Record<string, unknown>>;

export interface PlanOptions {
  /** The project root holding Pulumi.yaml and the stack files. Default: this checkout. */
  readonly root?: string;
  /** Plans already made in this process, by stack; StackReferences are served from here. */
  readonly cache?: Map<string, StackPlan>;
  /** Validated configs of every stack; loaded from `root` when absent. */
  readonly configs?: readonly StackConfig[];
  /** Run the policy packs (default true). */
  readonly policies?: boolean;
  readonly policyConfigFile?: string;
  /** The program to run instead of `<root>/stacks/index.ts` (tests). */
  readonly program?: Program;
  /** Called before each stack is planned. */
  readonly onStack?: (stack: string) => void;
  /** Called as each stack (the one asked for or one it references) is planned: progress lines. */
  readonly onPlanned?: (plan: StackPlan) => void;
}

/** A plan plus what a StackReference to it must serve. */
export interface StackPlan {
  readonly result: PlanResult;
  readonly rawOutputs: Record<string, unknown>;
  readonly secretOutputNames: string[];
  readonly ms: number;
  /**
   * Whether the policy packs ran over it. A stack planned only because another references it is
   * planned without them (a reference needs its outputs, and the reachability model its resources,
   * not its findings); planStack runs them when that stack is asked for itself later.
   */
  readonly policiesRan: boolean;
}

/**
 * Plans `stack` and, first, every stack it references (each once per cache). The config files are
 * read once for all of them (config/snapshot.ts), and again by the next call.
 */
export function planStack(stack: string, opts: PlanOptions = {}): Promise<StackPlan> {
  return withConfigSnapshot(() => planStackIn(stack, opts));
}

async function planStackIn(stack: string, opts: PlanOptions): Promise<StackPlan> {
  const root = opts.root ?? projectRoot();
  const configs = opts.configs ?? loadAllStackConfigs(root);
  const cache = opts.cache ?? new Map<string, StackPlan>();
  const cfg = configs.find((c) => c.stack === stack);
  if (!cfg) {
    const hint = didYouMean(stack, configs.map((c) => c.stack));
    throw new UsageError(`there is no stack "${stack}" (no Pulumi.${stack}.yaml in ${root})${hint ? `; did you mean ${hint}?` : ""}; stacks: ${configs.map((c) => c.stack).join(", ")}`);
  }
  const cached = cache.get(stack);
  if (cached) {
    if (cached.policiesRan || opts.policies === false) return cached;
    const upgraded = await withPolicies(cached, opts.policyConfigFile);
    cache.set(stack, upgraded);
    return upgraded;
  }
  for (const dep of dependenciesOf(cfg)) {
    if (!cache.has(dep)) await planStackIn(dep, { ...opts, root, configs, cache, program: undefined, policies: false });
  }
  opts.onStack?.(stack);
  const plan = await planOne(cfg, root, configs, cache, opts);
  cache.set(stack, plan);
  opts.onPlanned?.(plan);
  return plan;
}

/** A plan made without the policy packs, with their findings added after the engine's (as planOne orders them). */
async function withPolicies(plan: StackPlan, policyConfigFile: string | undefined): Promise<StackPlan> {
  const started = Date.now();
  const policy = await runPacks(plan.result.resources, { stack: plan.result.stack, policyConfigFile });
  const result: PlanResult = { ...plan.result, violations: [...plan.result.violations, ...policy.violations] };
  return { ...plan, result, policiesRan: true, ms: plan.ms + (Date.now() - started) };
}

async function planOne(cfg: StackConfig, root: string, configs: readonly StackConfig[], cache: Map<string, StackPlan>, opts: PlanOptions): Promise<StackPlan> {
  const started = Date.now();
  const management = configs.find((c) => c.role === "management");
  // The SDK keeps the last monitor (setMockOptions) until the next plan: once this program has run,
  // it must not keep every plan of the run alive through this closure (after `lz plan --all`, 20,000
  // resources that the next plan's collections would mark again).
  let plans: ReadonlyMap<string, StackPlan> | undefined = cache;
  const monitor = new PlanMonitor({
    stack: cfg.stack,
    region: cfg.account.region,
    account: cfg.account.id,
    deploymentRoleName: cfg.account.deploymentRoleName,
    managementAccount: management?.account.id ?? cfg.account.id,
    accountIds: Object.fromEntries(configs.map((c) => [c.account.name, c.account.id])),
    stackReference: (name) => {
      const target = name.split("/").pop() ?? name;
      const plan = plans?.get(target);
      if (!plan) throw new Error(`${cfg.file}: the program reads stack "${name}", which is not among landing-zone:refs of this stack, so it was not planned first`);
      return { outputs: plan.rawOutputs, secretOutputNames: plan.secretOutputNames };
    },
  });
  const file = readStackFile(root, cfg.stack);
  settings.setMockOptions(monitor, PROJECT, cfg.stack, false, cfg.pulumiOrg);
  const store = state.getStore();
  Object.assign(store, {
    supportsSecrets: true,
    supportsResourceReferences: true,
    supportsOutputValues: false,
    supportsDeletedWith: true,
    supportsAliasSpecs: true,
    supportsTransforms: false,
  });
  pulumi.runtime.setAllConfig(file.config, [...file.secretKeys]);

  const failures: unknown[] = [];
  const onRejection = (reason: unknown) => failures.push(reason);
  process.on("unhandledRejection", onRejection);
  const savedRoot = process.env.LZ_PROJECT_ROOT;
  process.env.LZ_PROJECT_ROOT = root;
  let rawOutputs: Record<string, unknown> = {};
  const secretOutputNames: string[] = [];
  try {
    const program = opts.program ?? loadProgram();
    await withOfflineRuntime(async () => {
      const outputs = (await program()) ?? {};
      for (const [k, v] of Object.entries(outputs)) {
        const o = pulumi.output(v) as any;
        rawOutputs[k] = await o.promise();
        if (await o.isSecret) secretOutputNames.push(k);
      }
      await settings.waitForRPCs();
      // A resource whose input rejects (a failed Output or data-source call) is never registered,
      // and its error surfaces only as an unhandled rejection once the microtasks drain: let a
      // macrotask pass so it reaches onRejection instead of escaping after the plan "succeeded".
      await new Promise<void>((resolve) => setImmediate(resolve));
      await settings.waitForRPCs();
    });
  } catch (err) {
    throw monitor.errors[0] ?? err;
  } finally {
    plans = undefined;
    if (savedRoot === undefined) delete process.env.LZ_PROJECT_ROOT;
    else process.env.LZ_PROJECT_ROOT = savedRoot;
    process.off("unhandledRejection", onRejection);
  }
  if (failures.length || monitor.errors.length) throw monitor.errors[0] ?? failures[0];
  rawOutputs = JSON.parse(JSON.stringify(toPlain(rawOutputs, true)));

  const resources = monitor.records.map(toPlanResource);
  const engineFindings = engineChecks(cfg.stack, monitor);
  const policy = opts.policies === false ? { violations: [] as Violation[] } : await runPacks(resources, { stack: cfg.stack, policyConfigFile: opts.policyConfigFile });
  const outputs: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rawOutputs)) outputs[k] = secretOutputNames.includes(k) ? "[secret]" : v;
  const result: PlanResult = {
    stack: cfg.stack,
    role: cfg.role,
    resources,
    outputs,
    violations: [...engineFindings, ...policy.violations],
  };
  return { result, rawOutputs, secretOutputNames, ms: Date.now() - started, policiesRan: opts.policies !== false };
}

function loadProgram(): Program {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(PROJECT_ROOT, "stacks", "index"));
  const program = typeof mod === "function" ? mod : mod?.default;
  if (typeof program !== "function") throw new Error(`${PROJECT_ROOT}/stacks/index.ts must export the program as a function`);
  return program;
}

function toPlanResource(r: RegisteredResource): PlanResource {
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    id: r.custom ? r.id : null,
    parent: r.parent,
    provider: r.provider,
    region: r.region,
    inputs: toPlain(r.inputs) as Record<string, unknown>,
    outputs: toPlain(r.state) as Record<string, unknown>,
    protect: r.protect,
    retainOnDelete: r.retainOnDelete,
    custom: r.custom,
    dependencies: r.dependencies,
    propertyDependencies: r.propertyDependencies,
    secretInputs: r.secretInputs,
  };
}

/**
 * What the real engine enforces but mocks do not: default providers are disabled, so every custom
 * resource and every data-source call must name an explicit provider.
 */
function engineChecks(stack: string, monitor: PlanMonitor): Violation[] {
  const out: Violation[] = [];
  for (const r of monitor.records) {
    if (!r.custom || r.type.startsWith("pulumi:providers:") || r.type === "pulumi:pulumi:StackReference" || r.provider) continue;
    out.push({ urn: r.urn, type: r.type, pack: "lz-engine", policy: "explicit-provider", enforcementLevel: "mandatory", message: "has no explicit provider; default providers are disabled in Pulumi.yaml, so `pulumi up` would refuse it. Pass the stack's provider (ctx.awsOpts or the component's provider arg)." });
  }
  for (const token of new Set(monitor.invokesWithoutProvider)) {
    out.push({ urn: stack, type: token, pack: "lz-engine", policy: "explicit-provider", enforcementLevel: "mandatory", message: `the data source ${token} was called without a provider; default providers are disabled, so pass { provider } in its invoke options.` });
  }
  return out;
}
