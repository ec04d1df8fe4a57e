/**
 * What the benchmark's stand-ins for the API answer: the *Get scene summary status* example
 * of openapi.yaml (index-based; its `result` is a `SceneSummaryStatus`), and the gateway's
 * 401 for a bad signature. Shared by bench/server.mjs and the in-process fake of bench/cpu.mjs.
 */

/** The 200 body, as bytes. */
export const OK_BODY = Buffer.from(
  JSON.stringify({
    code: "0",
    message: "success",
    result: {
      status: "SUMMARIZING",
      statusMessage: null,
      sceneSummaryId: 101,
      targetSceneIds: null,
      analyzedSceneCount: 3,
      totalSceneCount: 10,
      requestedTime: "2026-04-17T10:30:00",
      completedTime: null,
    },
  }),
);

/** The gateway's 401 body, as bytes. */
export const UNAUTHORIZED_BODY = Buffer.from(
  JSON.stringify({ error: { errorCode: "200", message: "Authentication Failed" } }),
);
