/**
 * The fast-check parameters every property here runs with: a few hundred runs, and the seed
 * from FC_SEED when it is set, to replay a failure (fast-check prints the seed and the path of
 * the failing case in its message).
 */
/** Runs per property: FC_NUM_RUNS, or 300. */
const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 300);
/** The seed to replay: FC_SEED, or a new one each run. */
const SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);

if (!Number.isSafeInteger(NUM_RUNS) || NUM_RUNS < 1) {
  throw new Error(`FC_NUM_RUNS must be a positive integer, got ${process.env.FC_NUM_RUNS}`);
}
if (SEED !== undefined && !Number.isSafeInteger(SEED)) {
  throw new Error(`FC_SEED must be an integer, got ${process.env.FC_SEED}`);
}

/** Parameters for `fc.assert`. */
export const RUNS: { numRuns: number; seed?: number } =
  SEED === undefined ? { numRuns: NUM_RUNS } : { numRuns: NUM_RUNS, seed: SEED };
