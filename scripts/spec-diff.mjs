#!/usr/bin/env node
/**
 * `npm run spec:diff [-- [REF] [--allow-breaking]]`: what changed in openapi.yaml since the
 * last release, and whether any of it breaks existing clients.
 *
 * Compares openapi.yaml in the working tree with openapi.yaml at REF, or, without REF, at the
 * last release tag (`git describe --tags --abbrev=0 --match 'v*'`). The changes are found and
 * classified (breaking, non-breaking, deprecation, documentation, unclassified) by
 * api-smart-diff, which reads OpenAPI 3.1 and tells request changes from response changes.
 *
 * api-smart-diff reports each schema change twice: once where an operation uses the schema,
 * classified for that direction (a field removed from a response breaks clients), and once
 * under `components`, classified without knowing the direction. A change counts as breaking
 * when either says so. That errs on the side of caution: its operation-level rules call a
 * changed response `type` non-breaking, which the `components` pass catches; in exchange,
 * adding a *required* property to a response or making a nullable response field non-null is
 * reported as breaking too. Review, then pass --allow-breaking when a change is safe.
 *
 * Exit codes: 0 no breaking change (or --allow-breaking), 1 breaking changes, 2 could not
 * compare (no tag and no REF, unknown REF, unreadable spec).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { apiCompare } from "api-smart-diff";
import { parse } from "yaml";

const SPEC = "openapi.yaml";

const USAGE = `Usage: npm run spec:diff -- [REF] [--allow-breaking]

Lists the changes to ${SPEC} between REF (default: the last v* tag) and the working tree,
and exits 1 when one of them is breaking, unless --allow-breaking is given.`;

/** Sections of the report, in order, by api-smart-diff's classification. */
const SECTIONS = [
  ["breaking", "Breaking changes"],
  ["deprecated", "Deprecations"],
  ["non-breaking", "Non-breaking changes"],
  ["unclassified", "Unclassified changes (review by hand)"],
  ["annotation", "Documentation changes"],
];

/** A problem that stops the comparison, with the message to print. */
class CannotCompare extends Error {}

/** Runs git in the current directory and returns its trimmed output. */
function git(...args) {
  return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** The ref to compare against: the one given, else the last release tag. */
function baseRef(given) {
  if (given) return given;
  try {
    return git("describe", "--tags", "--abbrev=0", "--match", "v*");
  } catch {
    throw new CannotCompare(
      "There is no release tag (v*) yet, so there is nothing to compare with by default.\n" +
        "Name a ref to compare with instead, for example: npm run spec:diff -- HEAD~1",
    );
  }
}

/** Parses the spec as it is at `ref`. */
function specAt(ref) {
  let text;
  try {
    text = git("show", `${ref}:./${SPEC}`);
  } catch (error) {
    const reason = String(error.stderr ?? error.message).trim();
    throw new CannotCompare(`Cannot read ${SPEC} at ${ref}: ${reason}`);
  }
  return parse(text);
}

/**
 * Names where a change is: `operationId: ` for a change inside an operation, else the path
 * in the document, such as `components.schemas.SceneSummaryStatus.properties.status`.
 */
function location(diff, before, after) {
  const [top, path, method] = diff.path;
  if (top === "paths" && typeof path === "string" && typeof method === "string") {
    const operation = after.paths?.[path]?.[method] ?? before.paths?.[path]?.[method];
    return operation?.operationId ?? `${method.toUpperCase()} ${path}`;
  }
  return diff.path.join(".");
}

/** A value as JSON, cut short: enough to recognise it. */
function brief(value) {
  const json = JSON.stringify(value) ?? "undefined";
  return json.length > 60 ? `${json.slice(0, 59)}…` : json;
}

/** One line for a change: where it is, and what it is. */
function describeDiff(diff, before, after) {
  const where = location(diff, before, after);
  if (diff.description) return `${where}: ${diff.description}`;
  switch (diff.action) {
    case "add":
      return `${where}: added ${brief(diff.after)}`;
    case "remove":
      return `${where}: removed ${brief(diff.before)}`;
    default:
      return `${where}: ${brief(diff.before)} → ${brief(diff.after)}`;
  }
}

function main() {
  const { values, positionals } = parseArgs({
    options: {
      "allow-breaking": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length > 1) {
    throw new CannotCompare(`Expected at most one ref, got ${positionals.join(" ")}.\n\n${USAGE}`);
  }

  const ref = baseRef(positionals[0]);
  const before = specAt(ref);
  const after = parse(readFileSync(SPEC, "utf8"));
  // api-smart-diff annotates the documents it is given; it gets its own copies.
  const { diffs } = apiCompare(structuredClone(before), structuredClone(after));

  console.log(`${SPEC}: ${ref} (${git("rev-parse", "--short", ref)}) → working tree`);
  if (diffs.length === 0) {
    console.log("No changes.");
    return 0;
  }
  for (const [type, title] of SECTIONS) {
    const lines = [
      ...new Set(diffs.filter((d) => d.type === type).map((d) => describeDiff(d, before, after))),
    ];
    if (lines.length === 0) continue;
    console.log(`\n${title} (${lines.length}):`);
    for (const line of lines) console.log(`  - ${line}`);
  }

  const breaking = diffs.some((diff) => diff.type === "breaking");
  if (!breaking) {
    console.log("\nNo breaking change.");
    return 0;
  }
  if (values["allow-breaking"]) {
    console.log("\nBreaking changes allowed (--allow-breaking): the next release is a major one.");
    return 0;
  }
  console.log(
    "\nBreaking changes: review them. If they are intended, release them as a major version\n" +
      "(a minor one while 0.x), list them in CHANGELOG.md, and run with --allow-breaking.",
  );
  return 1;
}

try {
  process.exitCode = main();
} catch (error) {
  // Exit code 1 means "breaking changes", so anything that stops the comparison is a 2.
  const expected = error instanceof CannotCompare || error.code?.startsWith("ERR_PARSE_ARGS");
  console.error(expected ? error.message : error);
  process.exitCode = 2;
}
