import * as datadog from "@pulumi/datadog";
import * as pulumi from "@pulumi/pulumi";
import { AU_SYNTHETICS_LOCATION } from "../../lib/observability/datadogSites";

/** The Datadog global variables holding a Cloudflare Access service token, for synthetic tests. */
export interface AccessSyntheticsCredentials {
  readonly clientIdVariable: { readonly name: string; readonly id: pulumi.Output<string> };
  readonly clientSecretVariable: { readonly name: string; readonly id: pulumi.Output<string> };
}

export interface AccessSyntheticsCredentialsArgs {
  /** Upper-case suffix of the variable names, unique in the Datadog organisation: `DEV`. */
  readonly suffix: string;
  /** The service token's client id. */
  readonly clientId: pulumi.Input<string>;
  /** The service token's client secret; a Pulumi secret, and a secure (hidden) variable in Datadog. */
  readonly clientSecret: pulumi.Input<string>;
  /** Tags on the variables. Default: none. */
  readonly tags?: readonly string[];
  /** The Datadog provider. */
  readonly provider: datadog.Provider;
}

/**
 * Stores the service token once, as two secure Datadog global variables, so that tests reference
 * it by name and no test definition holds the secret.
 */
export class AccessSyntheticsCredentialsVariables extends pulumi.ComponentResource implements AccessSyntheticsCredentials {
  readonly clientIdVariable: { readonly name: string; readonly id: pulumi.Output<string> };
  readonly clientSecretVariable: { readonly name: string; readonly id: pulumi.Output<string> };

  constructor(name: string, args: AccessSyntheticsCredentialsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("landing-zone:observability:AccessSyntheticsCredentials", name, {}, opts);
    if (!/^[A-Z0-9_]+$/.test(args.suffix)) throw new pulumi.ResourceError(`the variable suffix "${args.suffix}" must be upper-case letters, digits and underscores`, this);
    const child = { parent: this, provider: args.provider };
    const idName = `CF_ACCESS_CLIENT_ID_${args.suffix}`;
    const secretName = `CF_ACCESS_CLIENT_SECRET_${args.suffix}`;
    const tags = [...(args.tags ?? [])];
    const idVar = new datadog.SyntheticsGlobalVariable(`${name}-client-id`, { name: idName, description: "Cloudflare Access service token client id", value: args.clientId, secure: true, tags }, child);
    const secretVar = new datadog.SyntheticsGlobalVariable(
      `${name}-client-secret`,
      { name: secretName, description: "Cloudflare Access service token client secret", value: pulumi.secret(args.clientSecret), secure: true, tags },
      child,
    );
    this.clientIdVariable = { name: idName, id: idVar.id };
    this.clientSecretVariable = { name: secretName, id: secretVar.id };
    this.registerOutputs({ clientIdVariable: this.clientIdVariable, clientSecretVariable: this.clientSecretVariable });
  }
}

export interface AccessSyntheticTestArgs {
  /** The Access-protected hostname to test. */
  readonly hostname: string;
  /** The path requested. Default `/`. */
  readonly path?: string;
  /** The service token variables (see AccessSyntheticsCredentialsVariables). */
  readonly credentials: AccessSyntheticsCredentials;
  /** Seconds between runs. Default 300. */
  readonly tickEvery?: number;
  /** Where alerts go, as a mention: `@pagerduty-platform`. */
  readonly notificationHandle: string;
  /** The test's name prefix: `[dev]`. */
  readonly namePrefix: string;
  /** Tags on the test: `env:dev`. Default: none. */
  readonly tags?: readonly string[];
  /** Pause the test (a suspended tenant). Default false. */
  readonly paused?: boolean;
  /** The Datadog provider. */
  readonly provider: datadog.Provider;
}

/**
 * An HTTP API test of one Access-protected hostname, run from Sydney. It passes Access with the
 * service token (headers `CF-Access-Client-Id` / `CF-Access-Client-Secret`, read from secure global
 * variables), does not follow redirects (a redirect to the login page is a failure), and never
 * accepts a bad certificate.
 */
export class AccessSyntheticTest extends pulumi.ComponentResource {
  readonly testId: pulumi.Output<string>;
  readonly monitorId: pulumi.Output<number>;

  constructor(name: string, args: AccessSyntheticTestArgs, opts?: pulumi.ComponentResourceOptions) {
    super("landing-zone:observability:AccessSyntheticTest", name, {}, opts);
    const path = args.path ?? "/";
    if (!path.startsWith("/")) throw new pulumi.ResourceError(`the path "${path}" must start with /`, this);
    const { clientIdVariable: idVar, clientSecretVariable: secretVar } = args.credentials;
    const test = new datadog.SyntheticsTest(
      `${name}-test`,
      {
        name: `${args.namePrefix} ${args.hostname} through Cloudflare Access`,
        type: "api",
        subtype: "http",
        status: args.paused ? "paused" : "live",
        locations: [AU_SYNTHETICS_LOCATION],
        requestDefinition: { method: "GET", url: `https://${args.hostname}${path}` },
        requestHeaders: {
          "CF-Access-Client-Id": `{{ ${idVar.name} }}`,
          "CF-Access-Client-Secret": `{{ ${secretVar.name} }}`,
        },
        configVariables: [
          { type: "global", name: idVar.name, id: idVar.id },
          { type: "global", name: secretVar.name, id: secretVar.id },
        ],
        assertions: [
          { type: "statusCode", operator: "is", target: "200" },
          { type: "responseTime", operator: "lessThan", target: "5000" },
        ],
        optionsList: {
          tickEvery: args.tickEvery ?? 300,
          followRedirects: false,
          allowInsecure: false,
          ignoreServerCertificateError: false,
          minLocationFailed: 1,
          retry: { count: 2, interval: 5000 },
          monitorOptions: { renotifyInterval: 120 },
        },
        message: `{{#is_alert}}${args.hostname}${path} fails through Cloudflare Access from Sydney.{{/is_alert}}\n\nCheck the cloudflared connectors, the Access application and the origin.\n\n${args.notificationHandle}`,
        tags: [...(args.tags ?? []), `hostname:${args.hostname}`],
      },
      { parent: this, provider: args.provider },
    );
    this.testId = test.id;
    this.monitorId = test.monitorId;
    this.registerOutputs({ testId: this.testId, monitorId: this.monitorId });
  }
}
