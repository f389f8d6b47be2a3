import * as fs from "fs";
import * as path from "path";
/** Where a command writes. Tests pass buffers; the `lz` binary passes the process streams. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** A person watches stderr (a terminal, not CI): progress lines are worth printing there. */
  readonly interactive?: boolean;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : t + "\n"),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : t + "\n"),
  interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
};

/** Collects output in memory, for tests. */
export function bufferIo(): Io & { stdout: string; stderr: string } {
  const b = {
    stdout: "",
    stderr: "",
    out(t: string) {
      b.stdout += t.endsWith("\n") ? t : t + "\n";
    },
    err(t: string) {
      b.stderr += t.endsWith("\n") ? t : t + "\n";
    },
  };
  return b;
}

/** A mistake in how lz was called or in a file it was given: exit code 2, message only, no stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const EXIT_OK = 0;
export const EXIT_VIOLATION = 1;
export const EXIT_USAGE = 2;

/** lz's version: package.json's. */
export function lzVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as { version: string }).version;
}

/**
 * `--flag FILE` is a file lz can write: not a folder, in a folder that exists and is writable, not a
 * read-only file. Checked before any work, so a bad path is exit 2 at once, never a failure (exit 3)
 * after minutes of planning. `-` (stdout) is the caller's to allow.
 */
export function checkWritable(flag: string, file: string): void {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  const fail = (why: string) => {
    throw new UsageError(`--${flag} ${file}: ${why}`);
  };
  if (/[\\/]$/.test(file) || isDirectory(abs)) fail("is a folder; give a file name, e.g. " + path.join(file, flag === "json" ? "plan.json" : flag === "markdown" ? "report.md" : "out"));
  if (!isDirectory(dir)) fail(`cannot write there: ${dir} ${fs.existsSync(dir) ? "is not a folder" : "does not exist"}`);
  try {
    fs.accessSync(fs.existsSync(abs) ? abs : dir, fs.constants.W_OK);
  } catch {
    fail(fs.existsSync(abs) ? "the file is read-only" : `cannot write there: the folder ${dir} is not writable`);
  }
}

/** Writes `text` to `file`; a failure is the user's path (exit 2), not a defect of lz. */
export function writeUserFile(flag: string, file: string, text: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (err) {
    throw new UsageError(`--${flag} ${file}: cannot write it (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

/** `--flag FILE|-`: `text` to stdout for `-`, else to the file, saying so on stderr. */
export function writeOutput(flag: string, file: string, text: string, io: Io): void {
  if (file === "-") io.out(text);
  else {
    writeUserFile(flag, file, text);
    io.err(`wrote ${file}`);
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A file the user named, as text; a missing, unreadable or folder path is a UsageError (exit 2) saying which. */
export function readUserFile(file: string, what: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(code === "ENOENT" ? `${file} does not exist` : code === "EISDIR" ? `${file} is a directory, not ${what}` : `cannot read ${file} (${code ?? String(err)})`);
  }
}
