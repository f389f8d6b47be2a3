import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { planStack as planWithEngine, StackPlan } from "../../cli/engine/planner";
import { progressWanted } from "../../cli/plan/command";
import { PROJECT_ROOT, readStackFile } from "../../config/raw";
import { PlanResult } from "../../lib/plan";
import { planCached, planStack, runLz, sampleStacks, TempProject } from "../helpers/plan";

function fresh(stack: string, program?: () => Promise<Record<string, unknown>>): Promise<StackPlan> {
  return planWithEngine(stack, { root: PROJECT_ROOT, cache: new Map(), program, policies: false });
}

describe("the offline engine (lz plan)", () => {
  it("plans every sample stack", async () => {
    const stacks = sampleStacks();
    assert.deepEqual([...stacks].sort(), ["dev", "dev-cell-01", "log-archive", "management", "network", "prod", "prod-cell-01", "security"]);
    for (const s of stacks) {
      const plan = await planStack(s);
      assert.equal(plan.stack, s);
      assert.ok(plan.resources.some((r) => r.type === "pulumi:providers:aws"), `${s} has its AWS provider`);
    }
  });

  it("gives identical URNs, ids and inputs on two runs", async () => {
    for (const s of ["dev", "network"]) {
      const a = (await fresh(s)).result;
      const b = (await fresh(s)).result;
      const key = (p: PlanResult) => p.resources.map((r) => JSON.stringify([r.urn, r.id, r.inputs])).sort();
      assert.deepEqual(key(a), key(b));
      assert.equal(new Set(a.resources.map((r) => r.urn)).size, a.resources.length, "URNs are unique");
    }
  });

  it("creates one explicit AWS provider per stack: the deployment role, the account, the region", async () => {
    for (const s of sampleStacks()) {
      const plan = await planStack(s);
      const providers = plan.resources.filter((r) => r.type === "pulumi:providers:aws");
      const file = fs.readFileSync(path.join(PROJECT_ROOT, `Pulumi.${s}.yaml`), "utf8");
      const account = /id: "(\d{12})"/.exec(file)![1];
      const home = providers.find((p) => p.name === `${s}-aws`);
      assert.ok(home, `${s} has the provider ${s}-aws`);
      assert.deepEqual(JSON.parse(home!.inputs.allowedAccountIds as string), [account]);
      const roles = JSON.parse(home!.inputs.assumeRoles as string);
      assert.equal(roles[0].roleArn, `arn:aws:iam::${account}:role/LandingZoneDeployment`);
      assert.match(home!.region!, /^ap-southeast-[24]$/);
      const tags = JSON.parse(home!.inputs.defaultTags as string).tags;
      assert.ok(tags.owner && tags.dataClassification && tags.environment, "default tags carry owner, data classification and environment");
    }
  });

  it("gives every custom resource and data-source call an explicit provider", async () => {
    for (const s of sampleStacks()) {
      const plan = await planStack(s);
      const missing = plan.violations.filter((v) => v.pack === "lz-engine");
      assert.deepEqual(missing.map((v) => `${v.urn}: ${v.message}`), [], `${s}`);
    }
  });

  it("reports a resource or an invoke without a provider as a mandatory finding", async () => {
    const plan = await fresh("dev", async () => {
      new aws.s3.Bucket("stray");
      await aws.getCallerIdentity();
      return {};
    });
    const findings = plan.result.violations.filter((v) => v.policy === "explicit-provider");
    assert.equal(findings.length, 2);
    assert.ok(findings.every((f) => f.enforcementLevel === "mandatory"));
    assert.ok(findings.some((f) => f.urn.endsWith("::stray")));
    assert.ok(findings.some((f) => f.type === "aws:index/getCallerIdentity:getCallerIdentity"));
  });

  it("serves StackReference outputs from the referenced stack's own plan", async () => {
    const network = await planCached("network");
    const plan = await fresh("dev", async () => {
      const ref = new pulumi.StackReference("organization/landing-zone/network");
      return { fromNetwork: ref.requireOutput("accountId") };
    });
    assert.equal(plan.result.outputs.fromNetwork, network.rawOutputs.accountId);
    assert.equal(plan.result.outputs.fromNetwork, "444444444444");
    const ref = plan.result.resources.find((r) => r.type === "pulumi:pulumi:StackReference");
    assert.equal(ref?.inputs.name, "organization/landing-zone/network");
  });

  it("refuses a StackReference to a stack the config does not declare", async () => {
    await assert.rejects(
      fresh("dev", async () => {
        const ref = new pulumi.StackReference("organization/landing-zone/security");
        return { x: ref.requireOutput("accountId") };
      }),
      /not among landing-zone:refs/,
    );
  });

  it("answers data sources for the calling provider's account and region", async () => {
    const plan = await fresh("prod", async () => {
      const provider = new aws.Provider("melbourne", { region: "ap-southeast-4", allowedAccountIds: ["666666666666"] });
      const id = await aws.getCallerIdentity({}, { provider });
      const azs = await aws.getAvailabilityZones({}, { provider });
      const region = await aws.getRegion({}, { provider });
      const part = await aws.getPartition({}, { provider });
      const org = await aws.organizations.getOrganization({}, { provider });
      return { account: id.accountId, azs: azs.names, region: region.region, partition: part.partition, org: org.id };
    });
    const o = plan.result.outputs as Record<string, any>;
    assert.equal(o.account, "666666666666");
    assert.deepEqual(o.azs, ["ap-southeast-4a", "ap-southeast-4b", "ap-southeast-4c"]);
    assert.equal(o.region, "ap-southeast-4");
    assert.equal(o.partition, "aws");
    assert.match(o.org, /^o-[a-z0-9]{10}$/);
  });

  it("throws for a data source it cannot answer, instead of answering nothing", async () => {
    await assert.rejects(
      fresh("dev", async () => {
        const provider = new aws.Provider("p", { region: "ap-southeast-2" });
        await aws.ec2.getVpc({ default: true }, { provider });
        return {};
      }),
      /no offline answer for the data source aws:ec2\/getVpc:getVpc/,
    );
  });

  it("gives deterministic, well-formed ids and ARNs in the resource's own region and account", async () => {
    const plan = await fresh("dev", async () => {
      const provider = new aws.Provider("p", { region: "ap-southeast-2", allowedAccountIds: ["555555555555"] });
      const key = new aws.kms.Key("k", {}, { provider });
      const bucket = new aws.s3.Bucket("b", { region: "ap-southeast-4" }, { provider });
      const role = new aws.iam.Role("r", { assumeRolePolicy: "{}" }, { provider });
      const vpc = new aws.ec2.Vpc("v", { cidrBlock: "10.16.0.0/16" }, { provider });
      const group = new aws.cloudwatch.LogGroup("g", { region: "ap-southeast-4" }, { provider });
      return { key: key.arn, bucket: bucket.arn, role: role.arn, vpc: vpc.id, sg: vpc.defaultSecurityGroupId, vpcArn: vpc.arn, group: group.arn };
    });
    const o = plan.result.outputs as Record<string, string>;
    assert.match(o.key, /^arn:aws:kms:ap-southeast-2:555555555555:key\/[0-9a-f-]{36}$/);
    assert.match(o.bucket, /^arn:aws:s3:::b-[a-z0-9]{7}$/);
    assert.match(o.role, /^arn:aws:iam::555555555555:role\/r-[a-z0-9]{7}$/);
    assert.match(o.vpc, /^vpc-[0-9a-f]{17}$/);
    assert.match(o.sg, /^sg-[0-9a-f]{17}$/);
    assert.match(o.vpcArn, /^arn:aws:ec2:ap-southeast-2:555555555555:vpc\/vpc-[0-9a-f]{17}$/);
    assert.match(o.group, /^arn:aws:logs:ap-southeast-4:555555555555:log-group:g-[a-z0-9]{7}$/);
    const bucket = plan.result.resources.find((r) => r.name === "b")!;
    assert.equal(bucket.region, "ap-southeast-4", "a resource's own region input wins over its provider's");
  });

  it("reads a secure: config value as a secret placeholder, never its ciphertext", () => {
    const p = new TempProject();
    try {
      p.editStack("dev", (c) => (c["landing-zone:probe"] = { secure: "v1:AAAAexample" }));
      const f = readStackFile(p.root, "dev");
      assert.ok(f.secretKeys.includes("landing-zone:probe"));
      assert.equal(f.config["landing-zone:probe"], "[secret landing-zone:probe]");
    } finally {
      p.cleanup();
    }
  });

  it("keeps secret inputs and outputs secret and shows them as [secret]", async () => {
    const plan = await fresh("dev", async () => {
      const provider = new aws.Provider("p", { region: "ap-southeast-2" });
      const value = pulumi.secret("AAAAexample");
      const secret = new aws.secretsmanager.SecretVersion("s", { secretId: "x", secretString: value }, { provider });
      return { probe: value, id: secret.id };
    });
    const version = plan.result.resources.find((r) => r.name === "s")!;
    assert.equal(version.inputs.secretString, "[secret]");
    assert.deepEqual(version.secretInputs, ["secretString"]);
    assert.equal(version.outputs.secretString, "[secret]");
    assert.equal(plan.result.outputs.probe, "[secret]");
    assert.ok(plan.secretOutputNames.includes("probe"));
    assert.doesNotMatch(JSON.stringify(plan.result), /AAAAexample/);
  });

  it("switches the SDK's debugging aids off while a program runs, and puts them back after", async () => {
    const sdk = pulumi.Resource as unknown as { stackTrace(skip: number): unknown[] };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const debuggable: { debuggablePromise<T>(p: Promise<T>, ctx: string): Promise<T> } = require("@pulumi/pulumi/runtime/debuggable");
    const original = { stackTrace: sdk.stackTrace, debuggablePromise: debuggable.debuggablePromise };
    assert.equal(typeof original.stackTrace, "function", "the installed SDK still has Resource.stackTrace");
    assert.equal(typeof original.debuggablePromise, "function", "the installed SDK still has runtime/debuggable's debuggablePromise");
    const seen: unknown[] = [];
    await fresh("network", async () => {
      const p = Promise.resolve(1);
      seen.push(sdk.stackTrace(0).length, Error.stackTraceLimit, debuggable.debuggablePromise(p, "test") === p);
      const provider = new aws.Provider("p", { region: "ap-southeast-2" });
      return { id: provider.id };
    });
    assert.deepEqual(seen, [0, 0, true], "no frames, no stack traces, no promise wrappers while planning");
    assert.equal(sdk.stackTrace, original.stackTrace, "Resource.stackTrace is restored");
    assert.equal(debuggable.debuggablePromise, original.debuggablePromise, "debuggablePromise is restored");
    assert.ok(original.stackTrace.call(pulumi.Resource, 0).length > 0, "outside a plan the SDK captures frames as usual");
  });

  it("records parent, protect and retainOnDelete as the program set them", async () => {
    const plan = await fresh("dev", async () => {
      const provider = new aws.Provider("p", { region: "ap-southeast-2" });
      const parent = new pulumi.ComponentResource("landing-zone:test:Thing", "thing");
      new aws.kms.Key("kept", {}, { provider, parent, protect: true, retainOnDelete: true });
      return {};
    });
    const key = plan.result.resources.find((r) => r.name === "kept")!;
    assert.equal(key.protect, true);
    assert.equal(key.retainOnDelete, true);
    assert.equal(key.parent, "urn:pulumi:dev::landing-zone::landing-zone:test:Thing::thing");
    assert.match(key.provider!, /^urn:pulumi:dev::landing-zone::pulumi:providers:aws::p::p-[0-9a-f]+$/);
  });
});

describe("lz plan (the command)", () => {
  it("prints the summary and exits 0 for dev", async () => {
    const run = await runLz(["plan", "dev"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Plan of dev: workload stack in account 555555555555 \(ap-southeast-2\)/);
    for (const heading of ["Resources by component:", "Resources by type:", "Outputs (", "Findings: "]) assert.ok(run.stdout.includes(heading), heading);
  });

  it("writes the contract's JSON shape with --json", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-json-")), "plan.json");
    const run = await runLz(["plan", "dev", "--json", file]);
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    assert.deepEqual(Object.keys(doc).sort(), ["outputs", "resources", "role", "stack", "violations"]);
    assert.equal(doc.stack, "dev");
    assert.equal(doc.role, "workload");
    for (const r of doc.resources) {
      for (const k of ["urn", "type", "name", "id", "parent", "provider", "region", "inputs", "outputs", "protect", "retainOnDelete"]) assert.ok(k in r, `${r.urn} has ${k}`);
      assert.equal(typeof r.urn, "string");
      assert.ok(r.id === null || typeof r.id === "string");
      assert.ok(r.provider === null || /::/.test(r.provider));
      assert.equal(typeof r.protect, "boolean");
      assert.equal(typeof r.retainOnDelete, "boolean");
    }
    for (const v of doc.violations) {
      assert.deepEqual(Object.keys(v).filter((k) => k !== "waiver").sort(), ["enforcementLevel", "message", "pack", "policy", "type", "urn"]);
      assert.match(v.enforcementLevel, /^(mandatory|advisory)$/);
    }
  });

  it("plans every stack in dependency order with --all: a progress line per stack as it finishes (--progress), a closing summary", async () => {
    const run = await runLz(["plan", "--all", "--progress"]);
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    const lines = [...run.stderr.matchAll(/^\[(\d+)\/8\] ([\w-]+): (\d+) resources, findings (\d+) mandatory, (\d+) advisory, (\d+) waived, \d+\.\d s$/gm)];
    assert.deepEqual(lines.map((m) => m[2]), ["management", "log-archive", "security", "network", "dev", "prod", "dev-cell-01", "prod-cell-01"]);
    assert.deepEqual(lines.map((m) => Number(m[1])), [1, 2, 3, 4, 5, 6, 7, 8]);
    // The closing summary: the same counts, after every stack's own summary.
    const closing = run.stdout.slice(run.stdout.indexOf("All 8 stacks: "));
    assert.ok(run.stdout.indexOf("All 8 stacks: ") > run.stdout.lastIndexOf("Plan of "), "the summary closes the output");
    for (const m of lines) assert.match(closing, new RegExp(`^  ${m[2]} +${m[3]} +${m[4]} +${m[5]} +${m[6]} +\\d+\\.\\d s$`, "m"), m[2]);
    const total = lines.reduce((n, m) => n + Number(m[3]), 0);
    assert.match(closing, new RegExp(`^All 8 stacks: ${total} resources, findings `));
    assert.match(closing, /^(OK: no mandatory violations\.|FAIL: \d+ mandatory violation\(s\)\.)$/m);
    const advisory = lines.reduce((n, m) => n + Number(m[5]), 0);
    if (advisory) assert.match(closing, /^Findings across stacks \(\d+, mandatory first\):\n {2}\[(mandatory|advisory)\] [\w-]+: \w+\/[\w-]+ /m);
  });

  it("puts the findings first in a stack's summary, and --json - writes only the JSON to stdout", async () => {
    const text = await runLz(["plan", "management"]);
    assert.ok(text.stdout.indexOf("Findings: ") < text.stdout.indexOf("Resources by component:"), "findings before the inventory");
    const json = await runLz(["plan", "management", "--json", "-"]);
    assert.ok(json.code === 0 || json.code === 1, json.stderr);
    assert.equal(JSON.parse(json.stdout).stack, "management", "stdout is the JSON and nothing else");
    assert.doesNotMatch(json.stderr, /resources, findings/, "no progress lines unless asked");
  });

  it("prints progress at a terminal with --all only, never in CI or a pipe unless asked", () => {
    const tty = { out() {}, err() {}, interactive: true };
    const pipe = { out() {}, err() {} };
    assert.deepEqual(
      [progressWanted(undefined, true, tty), progressWanted(undefined, true, pipe), progressWanted(true, false, pipe), progressWanted(undefined, false, tty)],
      [true, false, true, false],
    );
  });

  const usage: [string, string[], RegExp][] = [
    ["no stack", ["plan"], /name one stack/],
    ["a stack and --all", ["plan", "dev", "--all"], /not both/],
    ["an unknown flag", ["plan", "dev", "--jsn", "x"], /unknown option '--jsn'; did you mean --json\?/],
    ["a flag without its value", ["plan", "dev", "--json"], /argument missing/],
    ["an unknown stack", ["plan", "staging"], /no stack "staging"/],
    ["a diagram that is neither svg nor mmd", ["plan", "dev", "--diagram", "x.png"], /\.svg .*\.mmd/],
    ["an output folder that does not exist", ["plan", "dev", "--json", "/no/such/dir/plan.json"], /does not exist/],
    ["a folder as the JSON file", ["plan", "dev", "--json", "out/"], /--json out\/: is a folder; give a file name, e\.g\. out\/plan\.json/],
    ["an existing folder as the Markdown file", ["plan", "--all", "--markdown", "."], /--markdown \.: is a folder/],
    ["a file as the folder", ["plan", "dev", "--json", "package.json/plan.json"], /--json package\.json\/plan\.json: cannot write there: .*package\.json is not a folder/],
    ["stdout for the Markdown", ["plan", "dev", "--markdown", "-"], /only --json can be - \(stdout\)/],
    ["a mistyped stack", ["plan", "dve"], /no stack "dve" .*; did you mean dev\?/],
    ["an unknown command", ["plna"], /unknown command 'plna'; did you mean plan\?/],
  ];
  for (const [name, args, says] of usage) {
    it(`exits 2 for ${name}, before planning anything`, async () => {
      const t = Date.now();
      const run = await runLz(args);
      assert.ok(Date.now() - t < 2000, "refused before the plan");
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, says);
      assert.doesNotMatch(run.stderr, /^\s+at /m);
    });
  }
});

describe("the policy packs over referenced stacks", () => {
  const nonEngine = (p: StackPlan) => p.result.violations.filter((v) => v.pack !== "lz-engine");
  let cache: Map<string, StackPlan>;
  let referenced: StackPlan;
  before(async () => {
    cache = new Map();
    await planWithEngine("dev-cell-01", { root: PROJECT_ROOT, cache });
    referenced = cache.get("dev")!;
  });

  it("plans a stack that is only referenced without them: its outputs, not its findings", () => {
    assert.equal(referenced.policiesRan, false);
    assert.deepEqual(nonEngine(referenced), []);
    assert.ok(Object.keys(referenced.rawOutputs).length > 0, "dev's outputs are served to the cell");
    const cell = cache.get("dev-cell-01")!;
    assert.equal(cell.policiesRan, true);
    assert.ok(nonEngine(cell).length > 0, "the cell asked for has its findings");
  });

  it("runs them when that stack is asked for later, from the cache, as a fresh plan of it does", async () => {
    const asked = await planWithEngine("dev", { root: PROJECT_ROOT, cache });
    assert.equal(asked.policiesRan, true);
    assert.equal(asked.result.resources, referenced.result.resources, "not planned again");
    assert.equal(cache.get("dev"), asked);
    const fresh = await planWithEngine("dev", { root: PROJECT_ROOT, cache: new Map() });
    assert.ok(nonEngine(fresh).length > 0);
    assert.deepEqual(asked.result.violations, fresh.result.violations);
    // What a reference was served is what a plan of the stack itself registers and exports.
    assert.deepEqual(referenced.result.resources, fresh.result.resources);
    assert.deepEqual(referenced.result.outputs, fresh.result.outputs);
    assert.deepEqual(referenced.rawOutputs, fresh.rawOutputs);
    assert.deepEqual(referenced.secretOutputNames, fresh.secretOutputNames);
  });
});

describe("the planner's memory", () => {
  it("keeps no plan of the run alive once it returns, though the SDK keeps the last monitor", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require("v8").setFlagsFromString("--expose-gc");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const gc: () => void = require("vm").runInNewContext("gc");
    const plan = async () => {
      const cache = new Map<string, StackPlan>();
      await planWithEngine("dev-cell-01", { root: PROJECT_ROOT, cache, policies: false });
      return { dev: new WeakRef(cache.get("dev")!), cell: new WeakRef(cache.get("dev-cell-01")!) };
    };
    const refs = await plan();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    // The cell's monitor (the SDK's current one) served dev's outputs by StackReference: it must
    // not keep dev's plan, nor its own (after `lz plan --all`, every plan of the run).
    assert.equal(refs.dev.deref(), undefined, "the referenced stack's plan was collected");
    assert.equal(refs.cell.deref(), undefined, "the cell's plan was collected");
  });
});
