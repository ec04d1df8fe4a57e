/**
 * The statistics of the benchmark: interleaved rounds, medians and quartiles.
 *
 * Method. A benchmark on a shared machine drifts: CPU frequency, other processes, the garbage
 * collector and the JIT all change speed over seconds. Running side A for ten seconds and then
 * side B for ten seconds would measure the drift as much as the code. So every comparison here
 * runs in many short rounds, and each round runs every side once, back to back: whatever the
 * machine is doing during a round, it does to all sides of that round, and the per-round ratio
 * cancels it. The order of the sides rotates from round to round, so that no side always runs
 * first (and always inherits, or always leaves, the other's garbage).
 *
 * Medians, not means: a round hit by a long GC pause or a scheduler hiccup is an outlier, and
 * one outlier moves a mean but not a median. Ratios are the median of the per-round ratios,
 * which keeps the pairing; the quartiles of those ratios show how much rounds disagree.
 */

/**
 * Runs `rounds` rounds; in each, calls every side's `run` once, in an order rotated by one
 * place per round.
 *
 * @template T
 * @param {number} rounds - How many rounds.
 * @param {Record<string, () => Promise<T> | T>} sides - One function per side; each returns a
 *   sample (typically microseconds per operation).
 * @returns {Promise<Record<string, T[]>>} Each side's samples, indexed by round.
 */
export async function interleave(rounds, sides) {
  const names = Object.keys(sides);
  /** @type {Record<string, T[]>} */
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = /** @type {string} */ (names[(round + i) % names.length]);
      samples[name]?.push(await /** @type {() => Promise<T> | T} */ (sides[name])());
    }
  }
  return samples;
}

/**
 * The ratio of two sides, round by round.
 *
 * @param {number[]} numerators
 * @param {number[]} denominators - Same length, same rounds.
 * @returns {number[]}
 */
export function ratios(numerators, denominators) {
  return numerators.map((value, round) => value / /** @type {number} */ (denominators[round]));
}

/**
 * The `p` quantile (0 to 1) of some numbers, by linear interpolation between the closest ranks.
 *
 * @param {number[]} values - At least one number.
 * @param {number} p
 * @returns {number}
 */
function quantile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * p;
  const below = /** @type {number} */ (sorted[Math.floor(rank)]);
  const above = /** @type {number} */ (sorted[Math.ceil(rank)]);
  return below + (above - below) * (rank - Math.floor(rank));
}

/**
 * The median of some numbers.
 *
 * @param {number[]} values - At least one number.
 * @returns {number}
 */
function median(values) {
  return quantile(values, 0.5);
}

/**
 * Median and interquartile range: the summary quoted in the report.
 *
 * @param {number[]} values - At least one number.
 * @returns {{ median: number, q1: number, q3: number }}
 */
export function summarise(values) {
  return { median: median(values), q1: quantile(values, 0.25), q3: quantile(values, 0.75) };
}
