import { z } from "zod";

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

export const tenantSchema = z.strictObject({
  /** The tenant's id; the file is named `<slug>.yaml`. Never changes: every resource name derives from it. */
  slug: tenantSlug,
  /** The white-label name users see (Access application, dashboards). */
  displayName: z.string({ message: 'is required: the name users see, e.g. "Acme Health"' }).min(1, { message: "must not be empty" }).max(100, { message: "is longer than 100 characters" }),
  /** The workload stack (environment) that hosts the tenant: `dev`, `prod`. */
  stack: z.string({ message: "is required: the workload stack that hosts the tenant, e.g. dev or prod" }),
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
});

/** A tenant file as written (status may be absent). */
export type TenantFileInput = z.input<typeof tenantSchema>;
/** A tenant file after parsing (defaults applied). */
export type TenantFile = z.infer<typeof tenantSchema>;
