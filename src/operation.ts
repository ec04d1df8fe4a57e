/**
 * The operations of openapi.yaml, as the SDK sends them: their ids, and the types of their
 * path parameters, request bodies and success bodies, all read off the generated operation
 * table (src/generated/operations.ts). A new operation in the spec appears here by itself.
 */
import {
  type OperationPathParameters,
  type OperationRequestBodies,
  type OperationSuccessBodies,
  operationTable,
} from "./generated/operations.js";

/** The operationId of an operation of openapi.yaml. */
export type OperationId = keyof typeof operationTable;

/** What the table says of one operation: method, path template, parameters, checks. */
export type OperationDescription<Id extends OperationId = OperationId> =
  (typeof operationTable)[Id];

/** The path parameters of operation `Id`, by the spec's names (`workspace_name`, …). */
export type PathParameters<Id extends OperationId> = OperationPathParameters[Id];

/** The JSON request body of operation `Id`; `never` when it takes none. */
export type RequestBody<Id extends OperationId> = OperationRequestBodies[Id];

/** The success body of operation `Id`, as openapi.yaml describes it. */
export type SuccessBody<Id extends OperationId> = OperationSuccessBodies[Id];

/** The table entry of operation `id`. */
export function describeOperation<Id extends OperationId>(id: Id): OperationDescription<Id> {
  return operationTable[id];
}
