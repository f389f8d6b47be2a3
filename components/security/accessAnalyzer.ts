import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface OrganizationAccessAnalyzerArgs {
  readonly analyzerName: string;
  /** Regions with an analyzer (IAM Access Analyzer is regional). */
  readonly regions: readonly string[];
}

/** IAM Access Analyzer with the organisation as its zone of trust, from the delegated administrator. */
export class OrganizationAccessAnalyzer extends pulumi.ComponentResource {
  /** Analyzer ARN by region. */
  readonly analyzerArns: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: OrganizationAccessAnalyzerArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("landing-zone:security:OrganizationAccessAnalyzer", name, {}, opts);
    const provider = opts.provider;
    if (!provider) throw new pulumi.ResourceError("OrganizationAccessAnalyzer needs an explicit AWS provider (default providers are disabled)", this);
    this.analyzerArns = {};
    for (const region of args.regions) {
      const analyzer = new aws.accessanalyzer.Analyzer(`${name}-${region}`, { region, analyzerName: args.analyzerName, type: "ORGANIZATION" }, { parent: this, provider, protect: true });
      this.analyzerArns[region] = analyzer.arn;
    }
    this.registerOutputs({ analyzerArns: this.analyzerArns });
  }
}
