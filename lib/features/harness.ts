/** The harness loader moved to lib/data/harness.ts; re-exported here so `features.loadHarness` keeps working. */
export * from "../data/harness";
