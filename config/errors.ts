/** One problem in one file: where it is (file and key path) and what would be valid. */
export interface ConfigIssue {
  /** The file the value came from, relative to the project root: `Pulumi.dev.yaml`, `tenants/acme.yaml`. */
  readonly file: string;
  /** The key path, namespace included for stack files: `landing-zone:vpc.cidr`. Empty for the whole file. */
  readonly path: string;
  /** What is wrong and what would be right. */
  readonly message: string;
}

/**
 * Bad user input (stack config, tenant files): `lz` turns it into exit code 2, and the program
 * rethrows it as a RunError so that `pulumi up` prints the message without a stack trace. No
 * Pulumi import here, so commands that only read files (`lz tenant`) stay fast.
 */
export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];
  constructor(issues: readonly ConfigIssue[]) {
    super(formatIssues(issues));
    this.name = "ConfigError";
    this.issues = issues;
  }
}

export function formatIssue(issue: ConfigIssue): string {
  return issue.path ? `${issue.file}: ${issue.path}: ${issue.message}` : `${issue.file}: ${issue.message}`;
}

export function formatIssues(issues: readonly ConfigIssue[]): string {
  if (issues.length === 1) return `invalid configuration: ${formatIssue(issues[0])}`;
  const lines = issues.map((i) => `  - ${formatIssue(i)}`);
  return `invalid configuration (${issues.length} problems):\n${lines.join("\n")}`;
}

/** Throws one ConfigError holding every issue, so a user fixes all of them in one round. */
export function throwIfAny(issues: readonly ConfigIssue[]): void {
  if (issues.length > 0) throw new ConfigError(issues);
}

export function isConfigError(err: unknown): err is ConfigError {
  return err instanceof ConfigError || (err instanceof Error && err.name === "ConfigError" && Array.isArray((err as ConfigError).issues));
}
