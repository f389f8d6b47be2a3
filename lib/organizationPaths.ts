/**
 * Organizational units are named by their path from the root, `Workloads/Prod`. The path is the
 * stable key: logical names, config references and stack outputs all use it, never a list index.
 */

/** The parent's path, or undefined for an OU directly under the root. */
export function parentPath(path: string): string | undefined {
  const i = path.lastIndexOf("/");
  return i < 0 ? undefined : path.slice(0, i);
}

/** The OU's own name: the last segment of its path. */
export function ouName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** Levels below the root: `Security` is 1, `Workloads/Prod` is 2. */
export function ouDepth(path: string): number {
  return path.split("/").length;
}

/** A lower-case key for logical names from any stable text: `AWS-Platform-Admins` -> `aws-platform-admins`. */
export function stableKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** An OU's key for logical names: `Workloads/NonProd` -> `workloads-nonprod`. */
export function ouKey(path: string): string {
  return stableKey(path);
}

/** Paths ordered so that every parent comes before its children (then alphabetically). */
export function parentsFirst(paths: readonly string[]): string[] {
  return [...paths].sort((a, b) => ouDepth(a) - ouDepth(b) || a.localeCompare(b));
}
