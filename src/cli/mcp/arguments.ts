/**
 * The arguments of the MCP tools, declared once as JSON Schema: the schema a tool lists is
 * the one its arguments are checked against, by {@link readArguments}, before anything is
 * sent. The checker knows the part of JSON Schema these declarations use (`type`, `enum`,
 * `minLength`, `minimum`, `maximum`, `minItems`, `items`, `default`), so the two cannot
 * disagree.
 */
import { quote } from "../../errors.js";
import { closest } from "../suggest.js";

/** The part of JSON Schema that the tools' arguments are declared with. */
export interface ArgumentSchema {
  type: "string" | "integer" | "number" | "boolean" | "array";
  description?: string;
  enum?: readonly string[];
  minLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  items?: ArgumentSchema;
  default?: string | number | boolean;
}

/**
 * A tool's input schema: an object of named arguments, none but these. A type rather than an
 * interface, so that it stands where the SDK expects a JSON object.
 */
export type InputSchema = {
  type: "object";
  properties: Record<string, ArgumentSchema>;
  required: string[];
  additionalProperties: false;
};

/** An argument a tool was given that its schema refuses. Nothing was sent. */
export class ArgumentError extends Error {
  override readonly name = "ArgumentError";

  /**
   * @param argument - The argument at fault, by its name in the tool's schema (`sceneIds[1]`
   *   for an item of a list).
   * @param reason - What is wrong with it, without its name, such as `must be a string`.
   */
  constructor(
    readonly argument: string,
    readonly reason: string,
  ) {
    super(`'${argument}' ${reason}`);
  }
}

/** The formats the summaries can be returned in, the default first. */
const FORMATS = ["markdown", "vtt", "srt", "json"] as const;
/** One of {@link FORMATS}. */
export type Format = (typeof FORMATS)[number];

/** How long `summarize_video` waits by default, in seconds: under the usual 60 s request timeout of MCP clients. */
export const DEFAULT_MAX_WAIT_SECONDS = 50;
/** The longest `maxWaitSeconds`: as long as the SDK waits by default. */
const MAX_WAIT_SECONDS = 1800;

/** Every argument of every tool. */
const ARGUMENTS = {
  workspace: {
    type: "string",
    description: "Workspace name, as in the NAVER Cloud console, such as my-workspace",
  },
  project: { type: "string", description: "Project ID, such as 1234" },
  asset: {
    type: "string",
    description: "Media asset ID, such as 5678; the asset's indexing must have completed",
  },
  format: {
    type: "string",
    enum: FORMATS,
    default: "markdown",
    description:
      "How the summaries come back: markdown (a chapter list with times and descriptions; " +
      "the default), vtt (WebVTT chapters), srt (SRT subtitles) or json (the API's result object)",
  },
  sceneIds: {
    type: "array",
    items: { type: "integer", minimum: 0 },
    minItems: 1,
    description:
      "Re-analyse only these scenes, by scene ID; allowed once a full analysis has completed. " +
      "Leave it out to summarise every scene",
  },
  locale: {
    type: "string",
    minLength: 1,
    description:
      "Language of the summaries, such as ko or en; only on a full analysis (without sceneIds)",
  },
  maxWaitSeconds: {
    type: "number",
    minimum: 1,
    maximum: MAX_WAIT_SECONDS,
    default: DEFAULT_MAX_WAIT_SECONDS,
    description:
      `How long to wait for the summarisation, in seconds (default ${DEFAULT_MAX_WAIT_SECONDS}; ` +
      "keep it under the MCP client's request timeout). Past it the tool answers that the " +
      "summarisation is still running, which goes on on the server: call again with follow " +
      "true to keep waiting",
  },
  follow: {
    type: "boolean",
    default: false,
    description:
      "Only follow the summarisation already requested, never request one: wait for it if it " +
      "runs, then return its summaries (or say how it ended). Use it to keep waiting after " +
      "an answer that it is still running: without it, a call made after that summarisation " +
      "ended would request a new one",
  },
} as const satisfies Record<string, ArgumentSchema>;

/** An argument's name. */
export type ArgumentName = keyof typeof ARGUMENTS;

/** The ids every tool takes, required. */
const ID_ARGUMENTS = ["workspace", "project", "asset"] as const satisfies ArgumentName[];

/** The arguments of a call, once checked (defaults filled in). */
export interface ToolArguments {
  workspace: string;
  project: string;
  asset: string;
  format?: Format;
  sceneIds?: number[];
  locale?: string;
  maxWaitSeconds?: number;
  follow?: boolean;
}

/** A tool's input schema: the ids, required, then `optional`. */
export function inputSchema(optional: readonly ArgumentName[]): InputSchema {
  const names = [...ID_ARGUMENTS, ...optional];
  return {
    type: "object",
    properties: Object.fromEntries(names.map((name) => [name, ARGUMENTS[name]])),
    required: [...ID_ARGUMENTS],
    additionalProperties: false,
  };
}

/** `value`'s kind in JSON's words, for a message. */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a number";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * What is wrong with `value` under `schema`, if anything.
 *
 * @param name - How the error names it.
 */
function problem(value: unknown, schema: ArgumentSchema, name: string): ArgumentError | undefined {
  const refuse = (reason: string) => new ArgumentError(name, reason);
  switch (schema.type) {
    case "string":
      if (typeof value !== "string") return refuse(`must be a string, got ${kindOf(value)}`);
      if (schema.enum && !schema.enum.includes(value)) {
        const guess = closest(value.toLowerCase(), schema.enum);
        return refuse(
          `must be one of ${schema.enum.join(", ")}, got '${quote(value)}'` +
            (guess ? `; did you mean '${guess}'?` : ""),
        );
      }
      if (schema.minLength !== undefined && value.length < schema.minLength) {
        return refuse("must not be empty");
      }
      return undefined;
    case "integer":
    case "number": {
      const integer = schema.type === "integer";
      if (
        typeof value !== "number" ||
        !Number.isFinite(value) ||
        (integer && !Number.isSafeInteger(value))
      ) {
        const got = typeof value === "number" ? String(value) : kindOf(value);
        return refuse(`must be ${integer ? "an integer" : "a number"}, got ${got}`);
      }
      if (schema.minimum !== undefined && value < schema.minimum) {
        return refuse(`must be at least ${schema.minimum}, got ${value}`);
      }
      if (schema.maximum !== undefined && value > schema.maximum) {
        return refuse(`must be at most ${schema.maximum}, got ${value}`);
      }
      return undefined;
    }
    case "boolean":
      return typeof value === "boolean"
        ? undefined
        : refuse(`must be true or false, got ${kindOf(value)}`);
    case "array": {
      if (!Array.isArray(value)) return refuse(`must be an array, got ${kindOf(value)}`);
      if (schema.minItems !== undefined && value.length < schema.minItems) {
        return refuse(
          `must have at least ${schema.minItems} item${schema.minItems === 1 ? "" : "s"}`,
        );
      }
      const { items } = schema;
      if (!items) return undefined;
      for (const [index, item] of value.entries()) {
        const found = problem(item, items, `${name}[${index}]`);
        if (found) return found;
      }
      return undefined;
    }
  }
}

/**
 * Checks a call's arguments against the tool's input schema and fills in the defaults.
 *
 * @throws ArgumentError naming the first argument that is missing, unknown or refused.
 */
export function readArguments(schema: InputSchema, given: unknown): ToolArguments {
  if (
    given !== undefined &&
    (typeof given !== "object" || given === null || Array.isArray(given))
  ) {
    throw new ArgumentError("arguments", `must be an object, got ${kindOf(given)}`);
  }
  const args: Record<string, unknown> = { ...given };
  const known = Object.keys(schema.properties);
  for (const name of Object.keys(args)) {
    if (known.includes(name)) continue;
    const guess = closest(name, known);
    throw new ArgumentError(
      quote(name),
      "is not an argument of this tool" +
        (guess ? `; did you mean '${guess}'?` : `; its arguments are ${known.join(", ")}`),
    );
  }
  for (const name of schema.required) {
    if (args[name] === undefined) throw new ArgumentError(name, "is required");
  }
  for (const [name, property] of Object.entries(schema.properties)) {
    if (args[name] === undefined) {
      if (property.default !== undefined) args[name] = property.default;
    } else {
      const found = problem(args[name], property, name);
      if (found) throw found;
    }
  }
  return args as unknown as ToolArguments;
}
