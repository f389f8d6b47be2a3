/** Small Markdown helpers: escaping for table cells and inline code, and tables. */

/** Text for a table cell: pipes escaped, HTML neutralised, line breaks as `<br>`. */
export function cell(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, "<br>");
}

/** Inline code that survives backticks and pipes inside (a table cell needs `\|` even in code). */
export function code(s: string): string {
  const fence = s.includes("`") ? "``" : "`";
  const pad = s.startsWith("`") || s.endsWith("`") ? " " : "";
  return `${fence}${pad}${s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ")}${pad}${fence}`;
}

/** A GitHub-flavoured Markdown table; cells are used as given (escape them with `cell`/`code`). */
export function mdTable(header: string[], rows: string[][], align?: ("l" | "r")[]): string {
  const sep = header.map((_, i) => (align?.[i] === "r" ? "---:" : "---"));
  return [header, sep, ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

/** The last part of a URN (`urn:pulumi:dev::landing-zone::a$b::name` -> `name`). */
export function urnName(urn: string): string {
  const i = urn.lastIndexOf("::");
  return i < 0 ? urn : urn.slice(i + 2);
}
