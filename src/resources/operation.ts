/**
 * What the resources build on: {@link Core.send} turns one operation of the spec (its
 * operationId, method, path template, checked path parameters and body) into a call of the
 * request core through the signed openapi-fetch client, which serialises path and body.
 */
import type { Client } from "openapi-fetch";
import type { operations, paths } from "../generated/openapi.js";
import type { ValidatedOperationId } from "../generated/validators.js";
import type { CallOptions, Reconcile, Requester } from "../requester.js";
import type { WaitDependencies } from "../wait.js";

/** The success body of an operation, as the spec types it. */
export type Body<Id extends keyof operations> =
  operations[Id]["responses"][200]["content"]["application/json"];

/** One operation, as a resource method describes it. */
export interface OperationSpec {
  /** The spec's operationId. */
  operationId: ValidatedOperationId;
  /** HTTP method. */
  method: "GET" | "POST" | "DELETE";
  /** The spec's path template. */
  path: keyof paths;
  /** Path parameters, checked by ids.ts. */
  params: Record<string, string>;
  /** JSON body, for POSTs that take one. */
  body?: unknown;
  /** How to read back the outcome of an ambiguous POST failure. */
  reconcile?: Reconcile | undefined;
}

/** What a resource is given by the client. */
export interface Core {
  /** Sends an operation; resolves with its checked response body. */
  send<T>(operation: OperationSpec, options?: CallOptions): Promise<T>;
  /** Clock, timer and `onPoll` hook for waits. */
  wait: WaitDependencies;
  /** Reads a server date-time (no offset) as ms since the Unix epoch. */
  serverTime(value: string): number;
}

/** Creates the {@link Core} over a requester and the signed openapi-fetch client. */
export function createCore(
  api: Client<paths>,
  transport: (request: Request, signal: AbortSignal) => Promise<Response>,
  requester: Requester,
  wait: WaitDependencies,
  serverUtcOffsetMinutes: number,
): Core {
  // One untyped entry point: each resource method fixes the operation's path and types.
  const request = api.request as (
    method: string,
    path: string,
    init: object,
  ) => ReturnType<Client<paths>["GET"]>;
  return {
    send: (operation, options) =>
      requester.call(
        {
          ...operation,
          send: (init) =>
            request(operation.method, operation.path, {
              parseAs: init.parseAs,
              // The attempt's signal goes to the transport as is: a signal given to
              // openapi-fetch would be followed by its Request, then again by fetch's.
              fetch: (request: Request) => transport(request, init.signal),
              params: { path: operation.params },
              body: operation.body,
            }),
        },
        options,
      ),
    wait,
    serverTime(value) {
      const hasOffset = /(Z|[+-]\d{2}:\d{2})$/.test(value);
      return hasOffset
        ? Date.parse(value)
        : Date.parse(`${value}Z`) - serverUtcOffsetMinutes * 60_000;
    },
  };
}
