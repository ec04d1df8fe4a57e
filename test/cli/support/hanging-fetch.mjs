// Preloaded with `node --import` by robustness.test.ts: a fetch that never settles and holds
// nothing open, and timers that do not keep the process alive. That is how Node 20's fetch
// behaves on some corrupt gzip bodies: the event loop empties with the command unfinished.
const setTimer = globalThis.setTimeout;
globalThis.setTimeout = (...args) => setTimer(...args).unref();
globalThis.fetch = () => new Promise(() => {});
