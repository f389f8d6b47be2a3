/**
 * AWS Regions launched after 20 March 2019 are disabled in every account until enabled for it
 * (AWS Account Management Reference Guide, "Enable or disable AWS Regions in your account").
 * ap-southeast-4 (Melbourne, 2023) is one. Enabling takes minutes, sometimes hours, and nothing
 * can be created in the Region until it is done.
 */
export const OPT_IN_REGIONS: readonly string[] = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-south-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-west-1",
  "eu-central-2",
  "eu-south-1",
  "eu-south-2",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
];

export function isOptInRegion(region: string): boolean {
  return OPT_IN_REGIONS.includes(region);
}

/** The management stack's output listing, per account id, the opt-in Regions it enabled. */
export const OPT_IN_OUTPUT = "optInRegions";
