import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { COMMENT_MARKER } from "../../cli/diff/render";
import { PROJECT_ROOT } from "../../config/raw";
import { runLz, sampleStacks } from "../helpers/plan";

const DIR = path.join(PROJECT_ROOT, ".github", "workflows");

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  "working-directory"?: string;
}
interface Job {
  name?: string;
  if?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  environment?: string;
  uses?: string;
  with?: Record<string, unknown>;
  strategy?: { matrix?: { stack?: string[] } | string; "max-parallel"?: number | string; "fail-fast"?: boolean };
  outputs?: Record<string, string>;
  env?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, any>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

function load(file: string): Workflow {
  const doc = YAML.parseDocument(fs.readFileSync(path.join(DIR, file), "utf8"));
  assert.deepStrictEqual(doc.errors, [], `${file} is valid YAML`);
  return doc.toJS() as Workflow;
}

const runs = (job: Job): string => (job.steps ?? []).map((s) => s.run ?? "").join("\n");
const step = (job: Job, uses: string): Step => {
  const found = (job.steps ?? []).filter((s) => s.uses?.startsWith(`${uses}@`));
  assert.ok(found.length >= 1, `a step using ${uses}`);
  return found[found.length - 1];
};
const lines = (v: unknown): string[] =>
  String(v ?? "")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

describe(".github/workflows", () => {
  const files = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
  const pr = load("pr.yml");
  const deploy = load("deploy.yml");
  const stackUp = load("stack-up.yml");
  const drift = load("drift.yml");

  it("has the PR gate, the deployment (with its per-stack workflow) and the drift check", () => {
    assert.deepStrictEqual(files.sort(), ["deploy.yml", "drift.yml", "pr.yml", "stack-up.yml"]);
  });

  describe("every workflow", () => {
    for (const f of ["pr.yml", "deploy.yml", "stack-up.yml", "drift.yml"]) {
      it(`${f}: grants nothing by default and least privilege per job`, () => {
        const w = load(f);
        assert.deepStrictEqual(w.permissions, {}, "top-level permissions: {}");
        for (const [name, job] of Object.entries(w.jobs)) {
          assert.ok(job.permissions, `job ${name} declares its permissions`);
          for (const [scope, level] of Object.entries(job.permissions!)) {
            assert.ok(["read", "write"].includes(level), `${name}: ${scope}: ${level}`);
            if (level === "write") assert.ok(["pull-requests", "security-events", "id-token", "issues"].includes(scope), `${name} writes ${scope}`);
          }
        }
      });

      it(`${f}: pins every action to a commit SHA or an exact release`, () => {
        const w = load(f);
        for (const job of Object.values(w.jobs)) {
          if (job.uses) assert.match(job.uses, /^\.\/\.github\/workflows\/[\w-]+\.yml$/, "a reusable workflow of this repository");
          for (const s of job.steps ?? []) if (s.uses) assert.match(s.uses, /@([0-9a-f]{40}|v\d+\.\d+\.\d+)$/, s.uses);
        }
      });
    }
  });

  it("Dependabot keeps the actions and the npm dependencies current, weekly, the Pulumi packages together", () => {
    const cfg = YAML.parse(fs.readFileSync(path.join(PROJECT_ROOT, ".github", "dependabot.yml"), "utf8"));
    assert.strictEqual(cfg.version, 2);
    const by = new Map<string, any>(cfg.updates.map((u: any) => [u["package-ecosystem"], u]));
    assert.deepStrictEqual([...by.keys()].sort(), ["github-actions", "npm"]);
    for (const u of by.values()) {
      assert.strictEqual(u.directory, "/");
      assert.strictEqual(u.schedule.interval, "weekly");
    }
    assert.deepStrictEqual(by.get("npm").groups.pulumi.patterns, ["@pulumi/*"]);
  });

  describe("pr.yml (pull requests)", () => {
    it("runs on pull requests, including label changes (the destructive-change override)", () => {
      assert.deepStrictEqual(pr.on.pull_request.branches, ["main"]);
      assert.ok(pr.on.pull_request.types.includes("labeled") && pr.on.pull_request.types.includes("synchronize"));
    });

    it("test: npm ci then npm test", () => {
      assert.deepStrictEqual(pr.jobs.test.steps!.filter((s) => s.run).map((s) => s.run), ["npm ci", "npm test"]);
    });

    it("plan-diff: plans the base and the head with lz plan --all, diffs them with lz diff, one sticky comment", () => {
      const job = pr.jobs["plan-diff"];
      const checkouts = job.steps!.filter((s) => s.uses?.startsWith("actions/checkout@"));
      assert.deepStrictEqual(checkouts.map((s) => s.with?.path), ["head", "base"]);
      assert.strictEqual(checkouts[1].with?.ref, "${{ github.event.pull_request.base.sha }}");
      const head = job.steps!.find((s) => s.id === "head")!;
      const base = job.steps!.find((s) => s.id === "base")!;
      const diff = job.steps!.find((s) => s.id === "diff")!;
      assert.strictEqual(head["working-directory"], "head");
      assert.strictEqual(base["working-directory"], "base");
      assert.match(head.run!, /if \[ "\$LZ_ALL" = "true" \]; then set -- --all; else set -- \$LZ_STACKS; fi/, "every stack when shared code changed, else the affected ones");
      assert.match(head.run!, /npx lz plan "\$@" --json "\$RUNNER_TEMP\/head\.json"/);
      assert.match(base.run!, /npx lz plan "\$@" --json "\$RUNNER_TEMP\/base\.json"/);
      assert.match(base.run!, /-f "Pulumi\.\$s\.yaml"/, "the base plans the affected stacks it has");
      assert.strictEqual(job.needs, "stacks");
      assert.deepStrictEqual(job.env, { LZ_ALL: "${{ needs.stacks.outputs.all }}", LZ_STACKS: "${{ needs.stacks.outputs.stacks }}" });
      assert.strictEqual(diff["working-directory"], "head", "the head's lz reads both plans");
      assert.match(diff.run!, /npx lz diff "\$RUNNER_TEMP\/base\.json" "\$RUNNER_TEMP\/head\.json" > "\$RUNNER_TEMP\/diff\.md"/);
      const comment = step(job, "actions/github-script");
      const script = String(comment.with?.script);
      assert.ok(script.includes(`const marker = "${COMMENT_MARKER}"`), "the marker lz diff writes");
      assert.ok(script.includes("updateComment") && script.includes("createComment"), "updates its comment, or creates it once");
      assert.deepStrictEqual(job.permissions, { contents: "read", "pull-requests": "write" });
      const artifact = step(job, "actions/upload-artifact");
      assert.strictEqual(artifact.with?.name, "lz-plan-report");
      assert.match(String(artifact.with?.path), /report\.md\n.*report\.full\.md/, "the comment-sized report and the whole one");
      const gate = job.steps!.find((s) => s.name === "Gate")!;
      assert.ok(gate.run!.includes('"$DIFF_CODE" = "1"') && gate.env?.ALLOW_DESTRUCTIVE?.includes("allow-destructive-change"));
    });

    it("sarif: writes the head's findings as SARIF, validates it with the SARIF Multitool, uploads it to code scanning", () => {
      const job = pr.jobs.sarif;
      assert.match(runs(job), /npx lz plan --all --sarif "\$RUNNER_TEMP\/lz\.sarif" > \/dev\/null \|\| test -s "\$RUNNER_TEMP\/lz\.sarif"/);
      assert.match(runs(job), /npm run sarif:setup\n\s*npm run sarif:validate -- "\$RUNNER_TEMP\/lz\.sarif"/);
      const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8"));
      assert.ok(pkg.scripts["sarif:setup"].includes("tools/sarif-multitool") && pkg.scripts["sarif:validate"].includes("tools/sarif-multitool/validate.ts"));
      assert.strictEqual(step(job, "github/codeql-action/upload-sarif").with?.sarif_file, "${{ runner.temp }}/lz.sarif");
      assert.strictEqual(job.permissions?.["security-events"], "write");
    });

    it("preview: per stack, only with cloud credentials, OIDC read-only role, pulumi preview with the policy packs", () => {
      const job = pr.jobs.preview;
      assert.match(job.if!, /vars\.LZ_CLOUD_ENABLED == 'true'/);
      assert.strictEqual(job.strategy!.matrix, "${{ fromJSON(needs.stacks.outputs.matrix) }}", "the affected stacks, from lz stacks");
      assert.deepStrictEqual(job.needs, ["test", "stacks"]);
      assert.match(job.if!, /needs\.stacks\.outputs\.count != '0'/);
      assert.deepStrictEqual(job.permissions, { contents: "read", "id-token": "write" });
      const creds = step(job, "aws-actions/configure-aws-credentials");
      assert.match(String(creds.with?.["role-to-assume"]), /^arn:aws:iam::\$\{\{ steps\.stack\.outputs\.account \}\}:role\/\$\{\{ env\.PREVIEW_ROLE \}\}$/);
      assert.match(runs(job), /pulumi config set --path 'landing-zone:account\.deploymentRoleName' "\$PREVIEW_ROLE"/);
      const preview = step(job, "pulumi/actions");
      assert.strictEqual(preview.with?.command, "preview");
      checkPolicyPacks(preview);
    });
  });

  describe("deploy.yml (main)", () => {
    const waveJobs = Object.keys(deploy.jobs).filter((j) => /^wave\d+$/.test(j));

    it("runs on pushes to main, after the offline gate, then wave by wave, each wave's matrix read from lz stacks --json", () => {
      assert.deepStrictEqual(deploy.on.push.branches, ["main"]);
      const gate = deploy.jobs.gate.steps!.filter((s) => s.run).map((s) => s.run!);
      assert.deepStrictEqual(gate.slice(0, 2), ["npm ci", "npm test"]);
      assert.match(gate[2], /^npx lz plan --all /, "the offline policy gate");
      const graph = deploy.jobs.graph;
      assert.strictEqual(graph.needs, "gate");
      assert.match(runs(graph), /npx lz stacks --json > "\$RUNNER_TEMP\/stacks\.json"/);
      assert.match(runs(graph), /jq -c --argjson i "\$i" '\.matrix\[\$i\]/, "one matrix per wave, the JSON's own");
      assert.ok(waveJobs.length >= 6, "room for the sample's waves and more");
      waveJobs.forEach((name, i) => {
        const job = deploy.jobs[name];
        assert.strictEqual(name, `wave${i}`);
        assert.strictEqual(job.uses, "./.github/workflows/stack-up.yml");
        assert.deepStrictEqual(job.with, { stack: "${{ matrix.stack }}", environment: "${{ matrix.environment }}" });
        assert.strictEqual(job.strategy!.matrix, `\${{ fromJSON(needs.graph.outputs.wave${i}) }}`);
        assert.strictEqual(job.strategy!["max-parallel"], "${{ fromJSON(vars.LZ_DEPLOY_MAX_PARALLEL || '4') }}");
        assert.strictEqual(job.strategy!["fail-fast"], false, "one failed cell does not cancel the others");
        assert.deepStrictEqual(job.needs, i === 0 ? "graph" : ["graph", `wave${i - 1}`]);
        assert.match(job.if!, new RegExp(`vars\\.LZ_CLOUD_ENABLED == 'true' && fromJSON\\(needs\\.graph\\.outputs\\.waves\\) > ${i}`));
        if (i > 0) assert.match(job.if!, /!failure\(\) && !cancelled\(\)/, "a failure stops the later waves");
        assert.strictEqual(graph.outputs?.[`wave${i}`], `\${{ steps.graph.outputs.wave${i} }}`);
      });
      assert.match(runs(graph), new RegExp(`-gt ${waveJobs.length} \\]`), "a deeper graph fails the run instead of skipping stacks");
    });

    it("the waves of lz stacks --json put every stack, prod behind the production environment, and fit the workflow's jobs", async () => {
      const run = await runLz(["stacks", "--json"]);
      assert.strictEqual(run.code, 0, run.stderr);
      const doc = JSON.parse(run.stdout);
      assert.ok(doc.waves.length <= waveJobs.length);
      assert.deepStrictEqual(doc.waves.flat().sort(), sampleStacks().sort(), "every stack is deployed, once");
      for (const [i, m] of doc.matrix.entries()) assert.deepStrictEqual(m.include.map((x: { stack: string }) => x.stack), doc.waves[i]);
      for (const s of doc.stacks) {
        const env = doc.matrix[s.wave].include.find((x: { stack: string }) => x.stack === s.stack).environment;
        assert.strictEqual(env === "production", s.environment === "prod", `${s.stack} runs in ${env}`);
      }
      assert.strictEqual(stackUp.jobs.up.environment, "${{ inputs.environment }}");
    });

    it("stack-up.yml: pulumi up of the given stack with the policy packs, over OIDC into the management account (member deployment roles trust it only)", () => {
      assert.ok(stackUp.on.workflow_call.inputs.stack.required);
      const job = stackUp.jobs.up;
      assert.deepStrictEqual(job.permissions, { contents: "read", "id-token": "write" });
      assert.match(String(step(job, "aws-actions/configure-aws-credentials").with?.["role-to-assume"]), /^arn:aws:iam::\$\{\{ steps\.management\.outputs\.account \}\}:role\//);
      const up = step(job, "pulumi/actions");
      assert.strictEqual(up.with?.command, "up");
      assert.strictEqual(up.with?.["stack-name"], "${{ steps.stack.outputs.ref }}");
      checkPolicyPacks(up);
    });
  });

  describe("drift.yml (nightly)", () => {
    it("refreshes every stack in preview-only mode nightly, failing on drift, and opens or updates one issue", () => {
      assert.match(drift.on.schedule[0].cron, /^\d+ \d+ \* \* \*$/);
      const job = drift.jobs.refresh;
      assert.strictEqual(job.strategy!.matrix, "${{ fromJSON(needs.graph.outputs.matrix) }}");
      assert.match(runs(drift.jobs.graph), /npx lz stacks --json \| jq -c '\{include: \[\.stacks\[\] \| \{stack: \.stack\}\]\}'/, "every stack, from lz stacks");
      assert.match(runs(job), /pulumi refresh --preview-only --expect-no-changes --diff --non-interactive .*--stack "\$\{\{ steps\.stack\.outputs\.ref \}\}"/);
      assert.match(runs(job), /set -o pipefail/, "tee does not hide the failure");
      assert.strictEqual(drift.jobs.report.if, "failure()");
      assert.deepStrictEqual(drift.jobs.report.permissions, { issues: "write" });
    });
  });

  it("the step that reads a stack's account prints its account, region and stack reference", () => {
    const script = pr.jobs.preview.steps!.find((s) => s.id === "stack")!.run!;
    for (const wf of [stackUp.jobs.up, drift.jobs.refresh]) assert.strictEqual(wf.steps!.find((s) => s.id === "stack")!.run, script, "the same script everywhere");
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-wf-")), "output");
    fs.writeFileSync(out, "");
    execFileSync("bash", ["-e", "-c", script], { cwd: PROJECT_ROOT, env: { ...process.env, STACK: "dev", GITHUB_OUTPUT: out } });
    const file = YAML.parse(fs.readFileSync(path.join(PROJECT_ROOT, "Pulumi.dev.yaml"), "utf8")).config;
    const org = file["landing-zone:pulumiOrg"] ?? "organization";
    assert.strictEqual(fs.readFileSync(out, "utf8"), `account=${file["landing-zone:account"].id}\nregion=${file["landing-zone:account"].region}\nref=${org}/landing-zone/dev\n`);
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });
});

/** The pulumi/actions step runs every pack, each with the --policy-pack-config packConfigs.ts writes. */
function checkPolicyPacks(s: Step): void {
  const packs = lines(s.with?.policyPacks);
  const configs = lines(s.with?.policyPackConfigs);
  assert.ok(packs.includes("policies/encryption") && packs.includes("policies/residency"), "both policy packs");
  assert.strictEqual(configs.length, packs.length, "one config per pack, in the same order");
  packs.forEach((p, i) => {
    assert.ok(fs.existsSync(path.join(PROJECT_ROOT, p, "PulumiPolicy.yaml")), `${p} is a policy pack`);
    assert.strictEqual(configs[i], `\${{ runner.temp }}/policy/${path.basename(p)}.json`);
  });
}
