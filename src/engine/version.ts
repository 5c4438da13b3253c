/**
 * The version of the engine, stored with every decision so that a record says which engine made it.
 *
 * Semver, for what a stored decision means:
 * - major: a verdict changes meaning (the same answers can now get another verdict, or a verdict or
 *   plan kind is added, removed or redefined);
 * - minor: the recommendation changes otherwise (confidence, reasons, pros and cons, plan steps, risks,
 *   what would change it);
 * - patch: a fix that changes what it says but not what it decides (wording, typos).
 *
 * tests/engine/version.test.ts fingerprints the engine's output over the fixed scenarios and fails when it
 * changes without this being bumped.
 */
export const ENGINE_VERSION = '1.0.0';
