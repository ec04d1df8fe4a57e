/** Signature-checking gateways for the tests of a file, answering from a script of replies. */
import { afterAll } from "vitest";
import { type Gateway, type Reply, type SeenRequest, startGateway } from "../../support/gateway.js";

/**
 * Returns a function that starts a gateway answering `replies` in turn (the last one
 * repeats), or from a handler. Each test starts its own, so tests can run concurrently;
 * they are all closed once the file's tests are done.
 */
export function useGateway(): (
  replies: Reply[] | ((request: SeenRequest, count: number) => Reply),
) => Promise<Gateway> {
  const started: Gateway[] = [];
  afterAll(() => Promise.all(started.map((gateway) => gateway.close())));
  return async (replies) => {
    const handler = Array.isArray(replies)
      ? (_: SeenRequest, count: number) => replies[Math.min(count, replies.length) - 1] as Reply
      : replies;
    const gateway = await startGateway({ handler });
    started.push(gateway);
    return gateway;
  };
}
