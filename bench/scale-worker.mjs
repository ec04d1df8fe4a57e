/**
 * Child process of bench/scale.mjs: exports a result of N scenes to WebVTT and sends back the
 * time and memory it took. One process per size, so that one size's heap cannot affect the next.
 *
 * Run with --expose-gc: the memory baseline is taken after a full collection, with the input
 * built and nothing else alive.
 *
 * Usage: node --expose-gc bench/scale-worker.mjs SCENES (forked, results over IPC).
 */
import { resourceUsage } from "node:process";

const { toWebVtt } = await import(new URL("../dist/export/index.js", import.meta.url).href);

const scenes = Number(process.argv[2]);
if (!Number.isSafeInteger(scenes) || scenes <= 0) throw new Error("usage: scale-worker.mjs SCENES");
const gc = /** @type {() => void} */ (globalThis.gc);

// Summaries of 4 to 6 sentences, as the API writes them: quotes, Korean, an ampersand, the odd
// line break. Every scene gets its own copy of a text, as JSON.parse would give it.
const TEXTS = [
  'The host greets the camera from Gwanghwamun Square and says "Today we walk the old palace route." Tourists pass behind her; a guide raises a yellow flag. She points to the gate & explains its history. The scene ends as the group moves toward the entrance.',
  '진행자가 광화문 광장에서 카메라를 향해 인사하며 "오늘은 궁궐 길을 걷습니다"라고 말한다. 관광객들이 뒤로 지나가고, 가이드가 노란 깃발을 든다. 그녀는 문을 가리키며 역사를 설명한다.\n장면은 일행이 입구로 향하며 끝난다.',
  'Two engineers compare readings on a tablet <inside the control room>. One says "the pressure is within limits" and the other nods. Alarms stay silent; the camera pans over the panels. They agree to restart the line at noon.',
  'A chef slices scallions at speed while explaining the broth.\r\nSteam rises from three pots; an assistant brings anchovies & kelp. The chef tastes, adds soy sauce and says "now it is balanced." The close-up shows the finished bowl.',
];

const RUNS = 5;

/**
 * Builds the `result` of *Get scene summary result* with `count` scenes, 3 s each.
 *
 * @param {number} count
 */
function sceneSummaries(count) {
  const items = [];
  for (let scene = 1; scene <= count; scene++) {
    const text = /** @type {string} */ (TEXTS[scene % TEXTS.length]);
    // One scene in twenty is not analysed yet, one in ten is stale: the export handles both.
    // Parsing each scene from JSON gives flat strings, as the API's response would, without
    // building the whole document as one string (which would raise the memory baseline).
    const summary =
      scene % 20 === 0
        ? ""
        : `,"sceneSummary":{"description":${JSON.stringify(`${text} (${scene})`)},"metadataChangedAfterSummary":${scene % 10 === 0},"analyzedAt":"2026-04-17T10:31:00"}`;
    items.push(
      JSON.parse(
        `{"scene":${scene},"startMs":${(scene - 1) * 3000},"endMs":${scene * 3000}${summary}}`,
      ),
    );
  }
  return { indexId: 1001, sceneSummaries: items };
}

// Warm-up on a small input, so that the timed runs measure compiled code.
for (let i = 0; i < 20; i++) toWebVtt(sceneSummaries(1000));

gc();
const empty = process.memoryUsage().heapUsed;
const input = sceneSummaries(scenes);
gc();
const before = process.memoryUsage();
let output = toWebVtt(input);
const peakRss = resourceUsage().maxRSS * 1024;
gc();
const retainedHeap = process.memoryUsage().heapUsed - before.heapUsed;

const times = [];
for (let run = 0; run < RUNS; run++) {
  output = "";
  gc();
  const start = performance.now();
  output = toWebVtt(input);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);

process.send?.({
  scenes,
  inputHeapBytes: before.heapUsed - empty,
  ms: times[Math.floor(RUNS / 2)],
  outputBytes: Buffer.byteLength(output),
  // Heap still reachable after the export and a full collection: the output string.
  retainedHeapBytes: retainedHeap,
  // High-water mark of the resident set above the baseline. An upper bound of the export's
  // peak: it would also count a higher peak reached while building the input.
  peakRssBytes: peakRss - before.rss,
});
