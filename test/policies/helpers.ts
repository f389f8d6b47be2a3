import type { Unwrap } from "@pulumi/pulumi";
import { PlanResource, Violation } from "../../lib/plan";
import { emptyPolicyConfig, PolicyConfigFile } from "../../cli/policy/config";
import { allPacks } from "../../cli/policy/packs";
import { PolicyRunResult, runPolicies } from "../../cli/policy/runner";
import { definePack, LzPolicy, PackDefinition } from "../../policies/lib/policy";
import { UNKNOWN } from "../../policies/lib/unknown";

/**
 * Typed fixtures for policy tests, in the spirit of awsguard's test helpers: resources are declared
 * with their SDK Args type (so property names are checked by tsc), wired into a small stack with
 * providers, and run through the same runner `lz plan` and `lz check` use.
 */

/** An unknown value (not known until deployment), usable where the Args type wants a boolean or string. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const UNKNOWN_VALUE: any = UNKNOWN;

export const STACK = "test";
const PROJECT = "landing-zone";

/** A resource class of an SDK: `aws.s3.Bucket`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ResourceClass<A> = { new (name: string, args: A, ...rest: any[]): unknown };

/** Inputs as the Args type declares them, plus anything (for wrong shapes and unknowns). */
export type Inputs<A> = Partial<Unwrap<A>> & Record<string, unknown>;

export interface AddOptions {
  /** The provider's name (default: the first provider added of the resource's package). */
  readonly provider?: string | null;
  readonly outputs?: Record<string, unknown>;
  readonly protect?: boolean;
  readonly retainOnDelete?: boolean;
  readonly id?: string;
  readonly propertyDependencies?: Record<string, string[]>;
  readonly parent?: string;
}

export function tokenOf(cls: unknown): string {
  const t = (cls as { __pulumiType?: string }).__pulumiType;
  if (!t) throw new Error("not a resource class");
  return t.includes(":") ? t : `pulumi:providers:${t}`;
}

export const SYDNEY_TAGS = { owner: "platform", dataClassification: "confidential", environment: "test" };

export class StackFixture {
  readonly resources: PlanResource[] = [];
  private readonly providers = new Map<string, PlanResource>();

  constructor(readonly stack = STACK) {}

  urnOf(type: string, name: string): string {
    return `urn:pulumi:${this.stack}::${PROJECT}::${type}::${name}`;
  }

  /** An AWS provider; default region ap-southeast-2 and the required default tags (JSON-encoded, as providers store them). */
  awsProvider(name = "aws", inputs: Record<string, unknown> = {}): PlanResource {
    const props: Record<string, unknown> = { region: "ap-southeast-2", defaultTags: JSON.stringify({ tags: SYDNEY_TAGS }), ...inputs };
    for (const k of Object.keys(props)) if (props[k] === undefined) delete props[k];
    return this.provider("pulumi:providers:aws", name, props);
  }

  provider(type: string, name: string, inputs: Record<string, unknown>): PlanResource {
    const r = this.push(type, name, inputs, { provider: null, id: `${name}-provider-id` });
    this.providers.set(name, r);
    return r;
  }

  /** Adds a resource of `cls` with typed inputs. */
  add<A>(cls: ResourceClass<A>, name: string, inputs: Inputs<A>, opts: AddOptions = {}): PlanResource {
    return this.push(tokenOf(cls), name, inputs as Record<string, unknown>, opts);
  }

  /** Adds a resource by type token (for types whose class is not imported). */
  push(type: string, name: string, inputs: Record<string, unknown>, opts: AddOptions = {}): PlanResource {
    let provider: string | null = null;
    if (opts.provider !== null && !type.startsWith("pulumi:providers:")) {
      const pkg = type.split(":")[0];
      const p = opts.provider ? this.providers.get(opts.provider) : [...this.providers.values()].find((x) => x.type === `pulumi:providers:${pkg}`);
      if (opts.provider && !p) throw new Error(`no provider ${opts.provider}`);
      if (p) provider = `${p.urn}::${p.id}`;
    }
    const id = opts.id ?? `${name}-id`;
    const r: PlanResource = {
      urn: this.urnOf(type, name),
      type,
      name,
      id,
      parent: opts.parent ?? null,
      provider,
      region: null,
      inputs,
      outputs: { id, ...(opts.outputs ?? {}) },
      protect: opts.protect ?? false,
      retainOnDelete: opts.retainOnDelete ?? false,
      custom: true,
      dependencies: [],
      propertyDependencies: opts.propertyDependencies ?? {},
    };
    this.resources.push(r);
    return r;
  }
}

export interface RunOptions {
  readonly config?: Partial<PolicyConfigFile>;
  readonly now?: Date;
  readonly packs?: readonly PackDefinition[];
}

export function runAll(resources: readonly PlanResource[], opts: RunOptions = {}): PolicyRunResult {
  const config = { ...emptyPolicyConfig(), ...(opts.config ?? {}) };
  return runPolicies(resources, opts.packs ?? allPacks(), config, { stack: STACK, now: opts.now ?? new Date("2026-01-15T00:00:00Z") });
}

/** The pack a policy object belongs to. */
export function packOf(policy: LzPolicy): PackDefinition {
  const pack = allPacks().find((p) => p.policies.includes(policy));
  if (!pack) throw new Error(`${policy.name} is in no pack`);
  return pack;
}

/** Runs one policy (in its own pack's name) and returns its findings. */
export function runOne(policy: LzPolicy, resources: readonly PlanResource[], opts: RunOptions = {}): PolicyRunResult {
  const pack = packOf(policy);
  const solo = definePack(pack.name, pack.description, pack.enforcementLevel, [policy]);
  return runAll(resources, { ...opts, packs: [solo] });
}

/** The messages one policy reports over `resources` (waived findings excluded). */
export function messages(policy: LzPolicy, resources: readonly PlanResource[], opts: RunOptions = {}): string[] {
  return runOne(policy, resources, opts)
    .violations.filter((v) => !v.waiver)
    .map((v) => v.message);
}

export function violationsOf(result: PolicyRunResult, policy: string): Violation[] {
  return result.violations.filter((v) => v.policy === policy);
}

/** Per-policy options as the config file would give them. */
export function withOptions(policy: string, options: Record<string, unknown>): Partial<PolicyConfigFile> {
  return { policies: { [policy]: options } };
}

export interface Case {
  /** What the case changes, as the test title. */
  readonly title: string;
  /** Properties changed from the compliant fixture (undefined deletes one). */
  readonly change: Record<string, unknown>;
  /** A pattern every reported message must match; omit for a case that must pass. */
  readonly expect?: RegExp;
  readonly options?: Record<string, unknown>;
}

function applyChange(base: Record<string, unknown>, change: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(change)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

/**
 * Table-driven tests for a policy over one resource: the compliant fixture passes, and each case
 * (one property changed) passes or reports messages matching its pattern.
 */
export function policyCases<A>(policy: LzPolicy, cls: ResourceClass<A>, compliant: Inputs<A>, cases: readonly Case[], setup?: (s: StackFixture) => void): void;
export function policyCases(policy: LzPolicy, type: string, compliant: Record<string, unknown>, cases: readonly Case[], setup?: (s: StackFixture) => void): void;
export function policyCases<A>(policy: LzPolicy, cls: ResourceClass<A> | string, compliant: Inputs<A> | Record<string, unknown>, cases: readonly Case[], setup?: (s: StackFixture) => void): void {
  const type = typeof cls === "string" ? cls : tokenOf(cls);
  const build = (inputs: Record<string, unknown>) => {
    const s = new StackFixture();
    s.awsProvider();
    setup?.(s);
    s.push(type, "subject", inputs);
    return s;
  };
  it(`${type.split(":").pop()}: the compliant fixture passes`, () => {
    const m = messages(policy, build(compliant as Record<string, unknown>).resources);
    if (m.length) throw new Error(`expected no findings, got: ${m.join(" | ")}`);
  });
  for (const c of cases) {
    it(`${type.split(":").pop()}: ${c.title}`, () => {
      const opts = c.options ? { config: withOptions(policy.name, c.options) } : {};
      const m = messages(policy, build(applyChange(compliant as Record<string, unknown>, c.change)).resources, opts);
      if (!c.expect) {
        if (m.length) throw new Error(`expected no findings, got: ${m.join(" | ")}`);
        return;
      }
      if (m.length === 0) throw new Error(`expected a finding matching ${c.expect}, got none`);
      for (const x of m) if (!c.expect.test(x)) throw new Error(`finding ${JSON.stringify(x)} does not match ${c.expect}`);
    });
  }
}
