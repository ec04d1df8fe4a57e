/**
 * What a tool answers: text for the model and the person behind it. A tool that could not do
 * its job answers with `isError: true` and a message that says what to do next, rather than
 * with a protocol error: the model reads it and can act on it.
 */

/**
 * A tool's answer: MCP's `CallToolResult`, with text content only. A type rather than an
 * interface, so that it stands where the SDK expects a JSON object.
 */
export type ToolResult = {
  content: { type: "text"; text: string }[];
  /** The tool could not do what it was asked; the text says why and what to do. */
  isError?: boolean;
};

/** A successful answer made of `texts`, one content block each. */
export function answer(...texts: string[]): ToolResult {
  return { content: texts.map((text) => ({ type: "text", text })) };
}

/** A failed answer: `message`, with `isError` set. */
export function failure(message: string): ToolResult {
  return { content: [{ type: "text", text: message }], isError: true };
}

/**
 * A tool's own account of why it could not do its job, in a sentence that says what to do
 * (there is nothing to cancel, say). The tool answers it as a failure.
 */
export class ToolFailure extends Error {
  override readonly name = "ToolFailure";
}
