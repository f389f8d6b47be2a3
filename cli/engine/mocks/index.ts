// Mock state and data-source answers for providers beyond the core AWS ones in ../mockState.ts and
// ../invokes.ts. Each module registers its entries when imported.
import "./cloudflare";
import "./datadog";

export {};
