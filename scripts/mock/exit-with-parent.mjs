/**
 * A preload (`node --import`) that ends the process when its stdin closes. A parent that
 * spawns a child with a stdin pipe, and never writes to it or closes it, thereby ties the
 * child's life to its own: when the parent ends, however it ends (SIGKILL included), the
 * system closes the pipe and the child exits. `scripts/prism.mjs` starts Prism with it, so
 * that no Prism outlives the script or test that started it.
 */
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
