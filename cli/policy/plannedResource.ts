import type { PolicyProviderResource } from "@pulumi/policy";
import { PlanResource, providerUrnOf } from "../../lib/plan";
import { effectiveRegion, EffectiveRegion, ProviderView } from "../../policies/lib/region";
import { ViewResource } from "../../policies/lib/stack";

/**
 * The runner's model of a planned (or exported) resource as the policies see it: its provider, found
 * by reference once per resource, and its props and effective region, built on first use.
 */

function hasKeys(o: Record<string, unknown>): boolean {
  for (const _ in o) return true;
  return false;
}

/** Providers by their `urn::id` reference, so each resource's lookup is one Map get. */
export class ProviderIndex {
  private readonly byUrn = new Map<string, PolicyProviderResource>();
  private readonly byRef = new Map<string, PolicyProviderResource | null>();
  private lastRef: string | undefined;
  private last: PolicyProviderResource | undefined;
  add(r: PlanResource): void {
    // A provider's config is its inputs; an export that kept only its state still says the region there.
    this.byUrn.set(r.urn, { type: r.type, urn: r.urn, name: r.name, props: hasKeys(r.inputs) ? r.inputs : r.outputs });
  }
  get(ref: string | null | undefined): PolicyProviderResource | undefined {
    if (!ref) return undefined;
    // Consecutive resources mostly share one provider: a string compare instead of a hash lookup.
    if (ref === this.lastRef) return this.last;
    let p = this.byRef.get(ref);
    if (p === undefined) this.byRef.set(ref, (p = this.byUrn.get(providerUrnOf(ref) ?? "") ?? null));
    this.lastRef = ref;
    return (this.last = p ?? undefined);
  }
}

/** The region a provider gives the resources without their own, one object per provider. */
const byProvider = new WeakMap<object, EffectiveRegion>();
const NO_PROVIDER = effectiveRegion({}, undefined);
function providerRegion(p: ProviderView | undefined): EffectiveRegion {
  if (!p) return NO_PROVIDER;
  let e = byProvider.get(p);
  if (!e) byProvider.set(p, (e = effectiveRegion({}, p)));
  return e;
}

/** A planned resource as stack policies see it; the merged props are built on first use. */
export class PlannedResource implements ViewResource {
  private merged?: Record<string, unknown>;
  private eff?: EffectiveRegion;
  constructor(
    /** The planned or exported resource itself. */
    readonly r: PlanResource,
    /** Its provider as resource policies see it (`args.provider`). */
    readonly providerResource: PolicyProviderResource | undefined,
    readonly provider: ProviderView | undefined,
  ) {}
  get urn(): string {
    return this.r.urn;
  }
  get type(): string {
    return this.r.type;
  }
  get name(): string {
    return this.r.name;
  }
  get protect(): boolean {
    return this.r.protect;
  }
  get retainOnDelete(): boolean {
    return this.r.retainOnDelete;
  }
  get parent(): string | undefined {
    return this.r.parent ?? undefined;
  }
  get propertyDependencies(): Readonly<Record<string, readonly string[]>> {
    return this.r.propertyDependencies ?? {};
  }
  get id(): string | undefined {
    return this.r.id ?? undefined;
  }
  get dependencies(): readonly string[] {
    return this.r.dependencies ?? [];
  }
  /**
   * Outputs, as stack policies see them under the Pulumi CLI, completed with any input the state
   * lacks. State echoes the inputs (real exports and the mock engine alike), so usually the outputs
   * object is used as is and nothing is copied.
   */
  get props(): Record<string, unknown> {
    if (!this.merged) {
      const { inputs, outputs } = this.r;
      let complete = true;
      // for-in, which allocates no list of keys (an inherited key would pass `in` as well).
      for (const k in inputs) {
        if (!(k in outputs)) {
          complete = false;
          break;
        }
      }
      this.merged = complete ? outputs : { ...inputs, ...outputs };
    }
    return this.merged;
  }
  region(): EffectiveRegion {
    // Only `region` is needed: read it without merging (placement asks every resource). The state's
    // computed region (outputs) counts only when neither the inputs nor the provider say.
    if (!this.eff) {
      const eff = this.r.inputs.region === undefined ? providerRegion(this.provider) : effectiveRegion(this.r.inputs, this.provider);
      this.eff = eff.region === undefined && this.r.outputs.region !== undefined ? effectiveRegion(this.r.outputs, this.provider) : eff;
    }
    return this.eff;
  }
}
