import { z } from "zod";
import { SHARE_ACCESS } from "../../lib/tenants/shares";

/**
 * One white-label tenant: the schema of `tenants/<slug>.yaml`. Checks that need more than one file
 * (unique slugs and hostnames, the stack and its zone) are in config/tenants.ts.
 */

export const TENANT_STATUSES = ["active", "suspended", "offboarded"] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export const DATA_CLASSIFICATIONS = ["internal", "confidential", "restricted"] as const;
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];

/** Lower case, 3–32 characters: it names AWS resources (`tenant-<slug>`), so no dots or underscores. */
export const tenantSlug = z
  .string({ message: 'must be a slug in quotes, e.g. "acme"' })
  .regex(/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/, {
    message: "must be 3–32 lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen, e.g. acme or acme-health",
  })
  .refine((s) => !s.includes("--"), { message: "must not contain two hyphens in a row" });

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A lower-case DNS name with at least two labels, no trailing dot, no wildcard. */
export const fqdn = z
  .string({ message: "must be a host name, e.g. acme.example.com" })
  .max(253, { message: "is longer than 253 characters" })
  .refine((s) => s.split(".").length >= 2 && s.split(".").every((l) => LABEL.test(l)), {
    message: "must be a lower-case host name like acme.example.com (letters, digits and hyphens between dots; no wildcard, no trailing dot)",
  });

/** An https URL of a private origin inside the environment, e.g. https://acme.tenants.internal.example.net. */
const httpsOrigin = z
  .string()
  .regex(/^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/, { message: "must be an https URL without a path, e.g. https://acme.tenants.internal.example.net:8443 (the tunnel never sends tenant traffic in clear text)" });

/** What a tenant contact is for; `lz tenant add --contact "role:Name <email>"` takes the same. */
export const CONTACT_ROLES = ["technical", "business", "security", "billing"] as const;

export const contactSchema = z.strictObject({
  /** The person or team. */
  name: z.string().min(1, { message: "must not be empty" }).max(100),
  email: z.email({ message: "must be a valid email address, e.g. ops@acme.example" }),
  /** What they are the contact for. */
  role: z.enum(CONTACT_ROLES, { message: `must be ${CONTACT_ROLES.map((r) => JSON.stringify(r)).join(", ")}` }),
});

/** The SSH public key types AWS Transfer Family accepts for service-managed users. */
const SSH_KEY_TYPES = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa"] as const;

/** AWS Transfer Family's quota of SSH public keys per service-managed user. */
const MAX_SSH_KEYS_PER_USER = 50;

/** The longest public key body Transfer Family's API takes (`SshPublicKeyBody`). */
const MAX_SSH_KEY_LENGTH = 2048;

/** One OpenSSH public key line: `<type> <base64> [comment]`. */
const sshPublicKey = z
  .string({ message: 'must be an OpenSSH public key in quotes, e.g. "ssh-ed25519 AAAAC3Nza... ops@acme"' })
  .superRefine((v, ctx) => {
    if (/PRIVATE KEY/.test(v)) {
      ctx.addIssue({ code: "custom", message: "is a private key: never put a private key in a tenant file; give the public key (the .pub file), and rotate this one now" });
      return;
    }
    if (v.trim().length > MAX_SSH_KEY_LENGTH) {
      ctx.addIssue({ code: "custom", message: `is ${v.trim().length} characters; Transfer Family takes public keys of at most ${MAX_SSH_KEY_LENGTH} (a PGP key? use an OpenSSH public key)` });
      return;
    }
    const m = /^(\S+) ([A-Za-z0-9+/]+={0,3})(?: [^\n]*)?$/.exec(v.trim());
    if (!m) {
      ctx.addIssue({ code: "custom", message: 'must be one OpenSSH public key line, "<type> <base64> [comment]", e.g. "ssh-ed25519 AAAAC3Nza... ops@acme"' });
      return;
    }
    if (!(SSH_KEY_TYPES as readonly string[]).includes(m[1])) {
      ctx.addIssue({ code: "custom", message: `has key type "${m[1]}"; AWS Transfer Family takes ${SSH_KEY_TYPES.join(", ")} (ed25519 preferred)` });
      return;
    }
    // The base64 body starts with the key type again, length-prefixed: a pasted or truncated key fails here.
    const body = Buffer.from(m[2], "base64");
    const len = body.length >= 4 ? body.readUInt32BE(0) : -1;
    if (len !== m[1].length || body.subarray(4, 4 + len).toString("latin1") !== m[1]) {
      ctx.addIssue({ code: "custom", message: `is not a valid ${m[1]} key: its base64 body does not encode a ${m[1]} key (truncated or pasted wrongly?)` });
    }
  });

const shareSchema = z.strictObject({
  /** The tenant (slug) that may deliver files to this one. */
  with: z.string({ message: 'must be the slug of another tenant in the same stack, e.g. "acme"' }),
  /** What it may do: `deliver` (put objects under inbound/<its slug>/, encrypted with this tenant's key; never read). */
  access: z.enum(SHARE_ACCESS, { message: `must be one of ${SHARE_ACCESS.join(", ")}` }),
});

const sftpSchema = z.strictObject({
  /** The public keys of the people and systems that upload for this tenant over SFTP. */
  publicKeys: z
    .array(sshPublicKey, { message: "must be a list of OpenSSH public keys" })
    .min(1, { message: "needs at least one public key: nobody could sign in otherwise (remove sftp to have no SFTP user)" })
    .max(MAX_SSH_KEYS_PER_USER, { message: `takes at most ${MAX_SSH_KEYS_PER_USER} keys (the Transfer Family quota per user)` })
    .refine((k) => new Set(k.map((x) => x.trim().split(" ").slice(0, 2).join(" "))).size === k.length, { message: "lists a key twice" }),
});

export const tenantSchema = z.strictObject({
  /** The tenant's id; the file is named `<slug>.yaml`. Never changes: every resource name derives from it. */
  slug: tenantSlug,
  /** The white-label name users see (Access application, dashboards). */
  displayName: z.string({ message: 'is required: the name users see, e.g. "Acme Health"' }).min(1, { message: "must not be empty" }).max(100, { message: "is longer than 100 characters" }),
  /** The workload stack (environment) that hosts the tenant: `dev`, `prod`. */
  stack: z.string({ message: "is required: the workload stack that hosts the tenant, e.g. dev or prod" }),
  /**
   * The tenant cell that holds it: a `tenant-cell` stack of that workload stack, e.g. `prod-cell-01`.
   * `lz tenant add` picks the least-filled one. Without it the tenant lives in the workload stack
   * itself, the layout before cells (docs/CELLS.md says how to move it).
   */
  cell: z.string({ message: 'must be the name of a cell stack in quotes, e.g. "prod-cell-01"' }).regex(/^[a-z][a-z0-9-]*-cell-\d{2,3}$/, { message: "must name a cell stack, <workload stack>-cell-<nn>, e.g. prod-cell-01" }).optional(),
  /** The tenant's host name: one label directly under that stack's Cloudflare zone. */
  hostname: fqdn,
  /** Okta groups whose members may sign in through Cloudflare Access. */
  oktaGroups: z
    .array(z.string().min(1, { message: "must not be empty" }).max(255), { message: "must be a list of Okta group names" })
    .min(1, { message: "needs at least one Okta group: nobody could sign in otherwise" })
    .refine((g) => new Set(g).size === g.length, { message: "lists a group twice" }),
  /** How sensitive the tenant's data is; tagged on every resource. */
  dataClassification: z.enum(DATA_CLASSIFICATIONS, { message: `must be one of ${DATA_CLASSIFICATIONS.join(", ")}` }),
  /** How long objects (and their older versions) are kept before the bucket's lifecycle expires them. */
  retentionDays: z
    .number({ message: "must be a whole number of days, e.g. 2555 for seven years" })
    .int({ message: "must be a whole number of days" })
    .min(30, { message: "must be at least 30 days" })
    .max(36500, { message: "must be at most 36500 days (100 years)" }),
  /** Who to call about this tenant: at least one. */
  contacts: z.array(contactSchema, { message: "must be a list of {name, email, role}" }).min(1, { message: "needs at least one contact" }),
  /** active: served; suspended: everything kept, Access denies everyone; offboarded: access removed, data kept. Default active. */
  status: z.enum(TENANT_STATUSES, { message: `must be one of ${TENANT_STATUSES.join(", ")}` }).default("active"),
  /** The customer's own domain, served through Cloudflare for SaaS on the stack's zone. Optional. */
  customHostname: fqdn.optional(),
  /** The tenant's private origin behind the tunnel. Default `https://<slug>.tenants.internal.<zone>`. */
  origin: httpsOrigin.optional(),
  /** Other tenants of the same stack that may deliver files to this one (docs/TENANTS.md "Sharing"). Default none. */
  shares: z.array(shareSchema, { message: "must be a list of { with: <slug>, access: deliver }" }).optional(),
  /** An SFTP user for this tenant on the stack's Transfer Family server, homed in its bucket. Default none. */
  sftp: sftpSchema.optional(),
});

/** A tenant file as written (status may be absent). */
export type TenantFileInput = z.input<typeof tenantSchema>;
/** A tenant file after parsing (defaults applied). */
export type TenantFile = z.infer<typeof tenantSchema>;
