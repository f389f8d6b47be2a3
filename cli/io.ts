import * as fs from "fs";
/** Where a command writes. Tests pass buffers; the `lz` binary passes the process streams. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : t + "\n"),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : t + "\n"),
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

/** A file the user named, as text; a missing, unreadable or folder path is a UsageError (exit 2) saying which. */
export function readUserFile(file: string, what: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(code === "ENOENT" ? `${file} does not exist` : code === "EISDIR" ? `${file} is a directory, not ${what}` : `cannot read ${file} (${code ?? String(err)})`);
  }
}
