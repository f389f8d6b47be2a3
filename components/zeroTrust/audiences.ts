import * as pulumi from "@pulumi/pulumi";

/**
 * The Access audience tags of hostnames whose Access applications are made after the tunnel's
 * configuration is declared (the tenants'). The tunnel's ingress needs each tag, but the Tenant
 * components come later in the program; so the tags are registered while the program is built and
 * read by the tunnel configuration once the program has been built.
 *
 * The registry closes when the program's synchronous construction is over (the next turn of the event
 * loop): register every tag while constructing resources, never inside an `apply`.
 */
export class AccessAudiences {
  private readonly tags = new Map<string, pulumi.Input<string>>();
  private closed = false;
  private readonly whenClosed: Promise<void>;

  constructor() {
    this.whenClosed = new Promise((resolve) =>
      setImmediate(() => {
        this.closed = true;
        resolve();
      }),
    );
  }

  /** Registers the audience tag of the Access application in front of `hostname`. */
  register(hostname: string, aud: pulumi.Input<string>): void {
    if (this.closed) throw new Error(`the Access audience of ${hostname} was registered after the program was built; register it while constructing the Tenant component, not inside an apply`);
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
