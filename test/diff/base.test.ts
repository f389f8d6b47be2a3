import * as assert from "assert";
import { runLz, TempProject } from "../helpers/plan";

/**
 * `lz diff --base <ref>`: the ref's files come from `git archive` and are planned by the ref's own
 * lz with this checkout's node_modules; the working tree (here a copy of the config with one edit,
 * through LZ_PROJECT_ROOT) is planned in process.
 */
describe("lz diff --base <git ref>", function () {
  let project: TempProject;
  let run: { code: number; stdout: string; stderr: string };

  before(async function () {
    this.timeout(300_000);
    project = new TempProject().editStack("security", (c) => (c["landing-zone:tags"].owner = "security-engineering-2"));
    run = await runLz(["diff", "--base", "HEAD", "--stack", "security", "--format", "json"], project.root);
  });
  after(() => project?.cleanup());

  it("plans HEAD and the working tree, and diffs them", () => {
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    assert.match(run.stderr, /planning HEAD \([0-9a-f]{12}\)/);
    assert.match(run.stderr, /planning the working tree \(config from /);
    const d = JSON.parse(run.stdout);
    const tagged = d.changed.filter((c: { changes: { path: string; after?: unknown }[] }) => c.changes.some((x) => /^tags(All)?\.owner$|^defaultTags\.tags\.owner$/.test(x.path) && x.after === "security-engineering-2"));
    assert.ok(tagged.length > 0, `the edited owner tag shows as a change:\n${run.stdout.slice(0, 2000)}`);
    assert.ok(d.changed.every((c: { stack: string }) => c.stack === "security"), "one stack planned");
  });

  it("refuses a ref that is not a commit: exit 2, naming it", async () => {
    const bad = await runLz(["diff", "--base", "no-such-ref-18b"]);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /--base no-such-ref-18b: not a commit of .*; give a branch, tag or commit/);
    assert.strictEqual(bad.stdout, "");
  });
});
