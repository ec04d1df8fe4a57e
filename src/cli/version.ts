/** What `ncp-mi` says of itself and its keys: its version, and an access key ID masked. */
import { readFile } from "node:fs/promises";

/** The version in package.json, beside dist/ when built and beside src/ in a checkout. */
export async function readVersion(): Promise<string> {
  const packageJson = await readFile(new URL("../../package.json", import.meta.url), "utf8");
  return (JSON.parse(packageJson) as { version: string }).version;
}

/** The access key ID with all but its last four characters hidden. */
export function maskKey(key: string): string {
  return key.length > 8 ? `${"*".repeat(key.length - 4)}${key.slice(-4)}` : "*".repeat(key.length);
}
