import * as pulumi from "@pulumi/pulumi";
import { PlanResource, providerUrnOf } from "../lib/plan";
import { withOfflineRuntime } from "../cli/engine/planner";
import { withTypedProperties } from "./typedProps";

/**
 * The mock floor: the least any program can pay to register a given set of resources under
 * @pulumi/pulumi's mock runtime. It replays a plan's resources, in registration order, with the
 * same types, names, inputs, parents, providers and protect/retainOnDelete flags, through the
 * public `setMocks` with trivial mocks (state = inputs, calls echo their inputs), and nothing else:
 * no config, no components' logic, no mock state, no policy packs.
 *
 * Three floors: the plain floor registers each resource with exactly its recorded inputs, in one
 * synchronous pass (what the issue asks for); the typed floor also hands over every other property
 * the type's SDK class (@pulumi/aws, ...) registers, as undefined, which is what
 * `new aws.s3.Bucket(...)` does (see typedProps.ts); the engine floor is the plain floor run the way
 * `lz plan` runs a program: under the planner's SDK settings (withOfflineRuntime: no per-resource
 * stack trace, no promise wrappers) and with one turn of the event loop before each tenant, the
 * schedule the workload stack follows. Plan / engine floor is what the program itself costs.
 *
 * Fairness: the planner sets `Error.stackTraceLimit = 0` while a program runs (the SDK captures a
 * stack trace per internal promise); the floor runs with the same setting. The props objects are
 * built before the clock starts.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings: { waitForRPCs(): Promise<void> } = require("@pulumi/pulumi/runtime/settings");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const state: { getStore(): Record<string, unknown> } = require("@pulumi/pulumi/runtime/state");

export interface FloorStack {
  readonly stack: string;
  readonly resources: readonly PlanResource[];
}

interface FloorResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent: string | null;
  readonly provider: string | null;
  readonly custom: boolean;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly props: Record<string, unknown>;
}

export interface PreparedFloor {
  readonly stacks: readonly { readonly stack: string; readonly resources: readonly FloorResource[] }[];
  /** Custom resources whose props were widened to their typed class's property set. */
  readonly typed: number;
  /** Custom resources with no typed class found (replayed with their inputs only). */
  readonly untyped: number;
}

/** Builds the props of every resource once, before any timed run. */
export function prepareFloor(stacks: readonly FloorStack[], typed: boolean): PreparedFloor {
  let typedCount = 0;
  let untyped = 0;
  const out = stacks.map((s) => ({
    stack: s.stack,
    resources: s.resources.map((r): FloorResource => {
      let props = r.inputs;
      if (r.custom !== false && typed) {
        const w = withTypedProperties(r.type, r.inputs);
        props = w.props;
        if (w.typed) typedCount++;
        else untyped++;
      }
      return { urn: r.urn, type: r.type, name: r.name, parent: r.parent, provider: r.provider, custom: r.custom !== false, protect: r.protect, retainOnDelete: r.retainOnDelete, props };
    }),
  }));
  return { stacks: out, typed: typedCount, untyped };
}

export interface FloorRun {
  /** Registrations the mock monitor saw: must equal the plan's resource count. */
  readonly registered: number;
}

const PROJECT = "landing-zone";

/** setMocks turns on runtime features the planner does not; they are put back after each run. */
const STORE_KEYS = [
  "supportsSecrets",
  "supportsResourceReferences",
  "supportsOutputValues",
  "supportsDeletedWith",
  "supportsReplaceWith",
  "supportsAliasSpecs",
  "supportsTransforms",
  "supportsParameterization",
  "supportsResourceHooks",
  "supportsErrorHooks",
];

/** The SDK's resource classes are abstract (or protect registerOutputs): the thinnest subclasses. */
class Replayed extends pulumi.CustomResource {}
class ReplayedProvider extends pulumi.ProviderResource {}
class ReplayedComponent extends pulumi.ComponentResource {
  constructor(type: string, name: string, opts: pulumi.ComponentResourceOptions) {
    super(type, name, {}, opts);
    this.registerOutputs({});
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function replay(resources: readonly FloorResource[], yieldBefore: string | undefined): Promise<void> {
  const made = new Map<string, pulumi.Resource>();
  for (const r of resources) {
    if (yieldBefore !== undefined && r.type === yieldBefore) await nextTurn();
    const parent = r.parent ? made.get(r.parent) : undefined;
    const base: pulumi.CustomResourceOptions = { parent };
    if (r.protect) base.protect = true;
    if (r.retainOnDelete) base.retainOnDelete = true;
    let res: pulumi.Resource;
    if (r.type.startsWith("pulumi:providers:")) {
      res = new ReplayedProvider(r.type.slice("pulumi:providers:".length), r.name, r.props, base);
    } else if (!r.custom) {
      res = new ReplayedComponent(r.type, r.name, base);
    } else {
      const provider = r.provider ? (made.get(providerUrnOf(r.provider)!) as pulumi.ProviderResource | undefined) : undefined;
      res = new Replayed(r.type, r.name, r.props, provider ? { ...base, provider } : base);
    }
    made.set(r.urn, res);
  }
}

/**
 * Registers every stack's resources under a fresh mock runtime, one stack after another, in one
 * synchronous pass per stack with the SDK as it is; or, as the engine floor (`engine`: a component
 * type), under the planner's SDK settings, giving the event loop one turn before each component of
 * that type, as stacks/workload/tenants.ts does before each tenant.
 */
export async function runFloor(floor: PreparedFloor, engine?: string): Promise<FloorRun> {
  let registered = 0;
  const mocks: pulumi.runtime.Mocks = {
    newResource(args) {
      registered++;
      return { id: args.custom === false ? undefined : `${args.name}-id`, state: args.inputs };
    },
    call(args) {
      return args.inputs;
    },
  };
  const store = state.getStore();
  const saved = STORE_KEYS.map((k) => store[k]);
  const traceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    for (const s of floor.stacks) {
      await pulumi.runtime.setMocks(mocks, PROJECT, s.stack, false);
      const run = async () => {
        await replay(s.resources, engine);
        await settings.waitForRPCs();
      };
      if (engine === undefined) await run();
      else await withOfflineRuntime(run);
    }
  } finally {
    Error.stackTraceLimit = traceLimit;
    STORE_KEYS.forEach((k, i) => (store[k] = saved[i]));
  }
  return { registered };
}
