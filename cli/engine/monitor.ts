import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { providerUrnOf } from "../../lib/plan";
import "./mocks";
import { answerInvoke } from "./invokes";
import { mockState } from "./mockState";
import { secretPaths, stringOf } from "./values";

/** What the monitor records of each registration: everything the plan and the packs need. */
export interface RegisteredResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly id: string;
  readonly parent: string | null;
  readonly provider: string | null;
  readonly region: string | null;
  readonly account: string;
  readonly inputs: Record<string, unknown>;
  state: Record<string, unknown>;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly dependencies: string[];
  readonly propertyDependencies: Record<string, string[]>;
  readonly secretInputs: string[];
}

export interface StackReferenceSource {
  (stackName: string): { outputs: Record<string, unknown>; secretOutputNames: string[] };
}

export interface MonitorContext {
  readonly stack: string;
  readonly region: string;
  readonly account: string;
  readonly deploymentRoleName: string;
  readonly managementAccount: string;
  /** Account ids by account name, from every stack file (vended accounts get their stack's id). */
  readonly accountIds?: Readonly<Record<string, string>>;
  readonly stackReference: StackReferenceSource;
}

interface ProviderInfo {
  readonly region: string | null;
  readonly account: string | null;
}

function firstAccount(allowed: unknown): string | null {
  const v = typeof allowed === "string" ? safeJson(allowed) : allowed;
  return Array.isArray(v) && typeof v[0] === "string" ? v[0] : null;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/**
 * The SDK's MockMonitor, extended to record what the Mocks interface does not pass on (parent,
 * protect, retainOnDelete, dependencies) and to answer with deterministic, well-formed state.
 * `registerResource` hands the request to `newResource` synchronously, so `pending` is exact.
 */
export class PlanMonitor extends MockMonitor {
  readonly records: RegisteredResource[] = [];
  private readonly byUrn = new Map<string, RegisteredResource>();
  private readonly providers = new Map<string, ProviderInfo>();
  private pending: any;

  constructor(private readonly ctx: MonitorContext) {
    super({
      newResource: (args) => this.newResourceFor(args),
      call: (args) => this.callFor(args),
    });
  }

  registerResource(req: any, callback: (err: any, resp?: any) => void): Promise<void> {
    this.pending = req;
    try {
      return (MockMonitor.prototype as any).registerResource.call(this, req, callback);
    } finally {
      this.pending = undefined;
    }
  }

  registerResourceOutputs(req: any, callback: (err: any, resp?: any) => void): void {
    const rec = this.byUrn.get(req.getUrn());
    if (rec) rec.state = req.getOutputs()?.toJavaScript?.() ?? {};
    (MockMonitor.prototype as any).registerResourceOutputs.call(this, req, callback);
  }

  private providerInfo(ref: string | undefined | null): ProviderInfo | undefined {
    const urn = providerUrnOf(ref);
    return urn === undefined ? undefined : this.providers.get(urn);
  }

  private newResourceFor(args: { type: string; name: string; inputs: any; provider?: string; custom?: boolean; id?: string }) {
    const req = this.pending;
    const { type, name } = args;
    const inputs: Record<string, unknown> = args.inputs ?? {};
    const parent: string = req?.getParent?.() || "";
    const urn = (this as any).newUrn(parent, type, name) as string;
    const custom = args.custom !== false;

    if (type === "pulumi:pulumi:StackReference") {
      const refName = stringOf(inputs.name) ?? name;
      let served: ReturnType<StackReferenceSource>;
      try {
        served = this.ctx.stackReference(refName);
      } catch (err) {
        this.errors.push(err);
        throw err;
      }
      const state = { name: refName, outputs: served.outputs, secretOutputNames: served.secretOutputNames };
      this.record({ urn, type, name, custom: true, id: refName, parent: parent || null, provider: null, region: null, account: this.ctx.account, inputs, state, protect: false, retainOnDelete: false, dependencies: [], propertyDependencies: {}, secretInputs: [] });
      return { id: refName, state };
    }

    const isProvider = type.startsWith("pulumi:providers:");
    const prov = this.providerInfo(args.provider);
    const ownRegion = stringOf(inputs.region) ?? null;
    const region = type.startsWith("aws:") || type === "pulumi:providers:aws" ? ownRegion ?? prov?.region ?? null : null;
    const account = (isProvider ? firstAccount(inputs.allowedAccountIds) : prov?.account) ?? this.ctx.account;
    let result: { id: string; state: Record<string, unknown> };
    if (!custom) result = { id: "", state: {} };
    else
      result = mockState({
        stack: this.ctx.stack,
        type,
        name,
        inputs: inputs as Record<string, any>,
        region: region ?? this.ctx.region,
        account,
        managementAccount: this.ctx.managementAccount,
        accountIds: this.ctx.accountIds,
      });
    if (isProvider) this.providers.set(urn, { region: ownRegion, account: firstAccount(inputs.allowedAccountIds) });

    const propertyDependencies: Record<string, string[]> = {};
    req?.getPropertydependenciesMap?.().forEach((v: any, k: string) => {
      propertyDependencies[k] = v.getUrnsList();
    });
    const rec: RegisteredResource = {
      urn,
      type,
      name,
      custom,
      id: result.id,
      parent: parent || null,
      provider: args.provider || null,
      region,
      account,
      inputs,
      state: result.state,
      protect: req?.getProtect?.() === true,
      retainOnDelete: req?.getRetainondelete?.() === true,
      dependencies: req?.getDependenciesList?.() ?? [],
      propertyDependencies,
      secretInputs: secretPaths(inputs),
    };
    this.record(rec);
    return { id: custom ? result.id : undefined, state: result.state };
  }

  private record(rec: RegisteredResource): void {
    this.records.push(rec);
    this.byUrn.set(rec.urn, rec);
  }

  private callFor(args: { token: string; inputs: any; provider?: string }) {
    if (!args.provider) this.invokesWithoutProvider.push(args.token);
    const prov = this.providerInfo(args.provider);
    try {
      return answerInvoke(args.token, args.inputs ?? {}, {
        stack: this.ctx.stack,
        region: prov?.region ?? this.ctx.region,
        account: prov?.account ?? this.ctx.account,
        deploymentRoleName: this.ctx.deploymentRoleName,
        managementAccount: this.ctx.managementAccount,
      });
    } catch (err) {
      this.errors.push(err);
      throw err;
    }
  }

  /**
   * Errors raised while answering the program (an unknown data source, a StackReference to a stack
   * that was not planned). The SDK reduces them to a bare "Error" on their way back, so the planner
   * reports these instead.
   */
  readonly errors: unknown[] = [];

  /** Invokes that named no provider: the real engine refuses them (default providers are off). */
  readonly invokesWithoutProvider: string[] = [];
}
