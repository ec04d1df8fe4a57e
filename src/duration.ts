/**
 * How durations are written: in a message (`seconds`: a limit, a wait, a delay) and on the
 * clock of a progress line (`formatElapsed`, fixed width under a minute so that it does not
 * jitter as it is redrawn).
 */

/** A duration for a message: `30 s`, `1.5 s`, `0.25 s`. */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** Elapsed time as `4.2s`, `3m05s` or `1h02m03s`. */
export function formatElapsed(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const total = Math.floor(ms / 1000);
  const secs = String(total % 60).padStart(2, "0");
  const minutes = Math.floor(total / 60) % 60;
  const hours = Math.floor(total / 3600);
  return hours > 0
    ? `${hours}h${String(minutes).padStart(2, "0")}m${secs}s`
    : `${minutes}m${secs}s`;
}
