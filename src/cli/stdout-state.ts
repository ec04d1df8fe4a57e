/**
 * Whether ncp-mi was started with stdout closed (`ncp-mi summaries … >&-`). Node does not let
 * a program see that: at start-up it opens /dev/null, read-write, on any of the descriptors
 * 0-2 that is closed, and writes to it then succeed and vanish. A shell's `>/dev/null` opens
 * it write-only. So on Linux, where /proc tells the open mode of a descriptor, /dev/null opened
 * read-write on descriptor 1 is the sign of a closed stdout. Elsewhere this cannot be told, and
 * stdout is taken to be open.
 *
 * The sign is not unique: a parent that spawns ncp-mi with Node's `stdio: "ignore"` (or a
 * shell's `1<>/dev/null`) also hands it /dev/null read-write, and gets the same refusal. To
 * throw the output away on purpose, open /dev/null for writing (`>/dev/null`) or use `-o`.
 */
import { readFileSync, readlinkSync } from "node:fs";

/** `O_ACCMODE` and `O_RDWR` of Linux's open(2) flags. */
const ACCESS_MODE = 0o3;
const READ_WRITE = 0o2;

/** Whether descriptor 1 is the /dev/null Node opened in place of a closed stdout. */
export function stdoutWasClosed(): boolean {
  try {
    if (readlinkSync("/proc/self/fd/1") !== "/dev/null") return false;
    const flags = readFileSync("/proc/self/fdinfo/1", "utf8").match(/^flags:\s+([0-7]+)$/m)?.[1];
    return flags !== undefined && (Number.parseInt(flags, 8) & ACCESS_MODE) === READ_WRITE;
  } catch {
    return false; // No /proc: not Linux, or not mounted.
  }
}
