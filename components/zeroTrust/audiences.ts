import * as pulumi from "@pulumi/pulumi";

/**
 * The Access audience tags of hostnames whose Access applications are made after the tunnel's
 * configuration is declared (the tenants'). The tunnel's ingress needs each tag, but the Tenant
 * components come later in the program; so the tags are registered while the program is built and
 * read by the tunnel configuration once the program has been built.
 *
 * The program closes the registry once every tenant is built (`close()`; stacks/workload.ts does it
 * right after the tenants, whatever happens), and the tunnel's tags resolve from then on. A tag
 * registered after that, or a routed hostname without one, is a program error that names the host.
 */
export class AccessAudiences {
  private readonly tags = new Map<string, pulumi.Input<string>>();
  private closed = false;
  private readonly whenClosed: Promise<void>;
  private resolveClosed!: () => void;

  constructor() {
    this.whenClosed = new Promise((resolve) => (this.resolveClosed = resolve));
  }

  /** Ends registration: the tunnel configuration reads the tags from here on. Idempotent. */
  close(): void {
    this.closed = true;
    this.resolveClosed();
  }

  /** Registers the audience tag of the Access application in front of `hostname`. */
  register(hostname: string, aud: pulumi.Input<string>): void {
    if (this.closed) throw new Error(`the Access audience of ${hostname} was registered after the tenants were built (the registry is closed); register it while constructing the Tenant component, not inside an apply`);
    if (this.tags.has(hostname)) throw new Error(`the Access audience of ${hostname} is registered twice`);
    this.tags.set(hostname, aud);
  }

  /** The audience tags for `hostname`, once the registry has closed; fails if none was registered. */
  audTags(hostname: string): pulumi.Output<string[]> {
    return pulumi.output(this.whenClosed.then(() => hostname)).apply(() => {
      const aud: pulumi.Input<string> | undefined = this.tags.get(hostname);
      if (aud === undefined) {
        throw new Error(`no Access application registered its audience for ${hostname}; the tunnel routes it, so the origin must check an Access token (call edge.requireAccessAudience)`);
      }
      const tag: pulumi.Output<string> = pulumi.output(aud);
      return tag.apply((a) => [a]);
    });
  }
}
