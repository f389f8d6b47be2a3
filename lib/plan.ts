/**
 * The shapes of the `lz` contract (shared/design/ARCHITECTURE.md): what `lz plan --json` writes and
 * what `lz check --format json` prints. Plain data; no Pulumi here.
 */

/** One registered resource, as `lz plan` saw it under the mock engine (or `lz check` read it from an export). */
export interface PlanResource {
  readonly urn: string;
  /** The type token: `aws:ec2/subnet:Subnet`, `pulumi:providers:aws`, `landing-zone:network:TieredVpc`. */
  readonly type: string;
  /** The logical name. */
  readonly name: string;
  /** The mock (or real) id; null for component resources. */
  readonly id: string | null;
  /** The parent's URN; null at the top. */
  readonly parent: string | null;
  /** The provider reference `"<provider urn>::<provider id>"`; null for components and providers. */
  readonly provider: string | null;
  /** The effective region: the resource's own `region` input, else its provider's. Null when region-less. */
  readonly region: string | null;
  /** Resolved inputs; secrets appear as `"[secret]"`. */
  readonly inputs: Record<string, unknown>;
  /** The mock state (or the export's outputs); secrets appear as `"[secret]"`. */
  readonly outputs: Record<string, unknown>;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  /** Whether the resource is a custom resource (false for components). Not in the contract's JSON. */
  readonly custom?: boolean;
  /** URNs this resource depends on. Not in the contract's JSON. */
  readonly dependencies?: readonly string[];
  /** Input name -> URNs it was computed from. Not in the contract's JSON. */
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
  /** Top-level input names that were Pulumi secrets. Not in the contract's JSON. */
  readonly secretInputs?: readonly string[];
}

export type EnforcementLevel = "mandatory" | "advisory" | "disabled";

/** One policy finding. `enforcementLevel` is mandatory or advisory (disabled policies do not report). */
export interface Violation {
  /** The resource's URN; for a stack-level finding without a resource, the stack's name. */
  readonly urn: string;
  readonly type: string;
  readonly pack: string;
  readonly policy: string;
  readonly enforcementLevel: "mandatory" | "advisory";
  readonly message: string;
  /** Set when a waiver covers this finding: it is listed but does not fail the run. */
  readonly waiver?: { readonly reason: string; readonly approvedBy: string; readonly expires: string };
}

/** What `lz plan --json` writes for one stack. */
export interface PlanResult {
  readonly stack: string;
  readonly role: string;
  readonly resources: PlanResource[];
  readonly outputs: Record<string, unknown>;
  readonly violations: Violation[];
}

/** The marker that stands for a secret value in the JSON. */
export const SECRET_MARKER = "[secret]";

/** True when a violation should fail the run: mandatory and not waived. */
export function isBlocking(v: Violation): boolean {
  return v.enforcementLevel === "mandatory" && !v.waiver;
}

/** A provider reference, `urn::id`, split on its last `::` (URNs contain `::` themselves). */
export function splitProviderRef(ref: string): { urn: string; id: string } {
  const i = ref.lastIndexOf("::");
  return i < 0 ? { urn: ref, id: "" } : { urn: ref.slice(0, i), id: ref.slice(i + 2) };
}

/** The provider's URN of a `urn::id` reference. */
export function providerUrnOf(ref: string | null | undefined): string | undefined {
  return ref ? splitProviderRef(ref).urn : undefined;
}
