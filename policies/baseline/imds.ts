import { show } from "../lib/messages";
import { resourcePolicy } from "../lib/policy";
import { obj, Props, str } from "../lib/values";

/** Instance metadata only through IMDSv2 session tokens (or not at all). */

export const imdsv2Required = resourcePolicy<Props>({
  name: "imdsv2-required",
  description: "EC2 instances, launch templates and launch configurations must require IMDSv2 tokens.",
  types: ["aws:ec2/instance:Instance", "aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/launchConfiguration:LaunchConfiguration"],
  fix: 'Set metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 } (or httpEndpoint: "disabled").',
  validate(p, _ctx, report) {
    const m = obj(p.metadataOptions);
    if (str(m?.httpEndpoint) === "disabled") return;
    if (str(m?.httpTokens) !== "required") {
      report(`metadataOptions.httpTokens is ${show(m?.httpTokens)}${m?.httpTokens === undefined ? ' (IMDSv1 stays available, depending on the AMI)' : ""}; set metadataOptions.httpTokens to "required".`);
    }
  },
});
