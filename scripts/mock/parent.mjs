// @ts-check
/**
 * Ends `npm run mock` (scripts/mock.mjs) when what started it ends, however it was started and
 * however that ends (SIGKILL included, when it can pass nothing on).
 *
 * The parent is the process that started this one; or, when that is a shell running a command
 * line (`sh -c …`, as npm, yarn, pnpm and make run a script), the process that started that
 * shell: npm killed by its PID leaves its `sh -c` running, and the shell its child. A process
 * whose parent ends is handed to another (init, or a subreaper), so the parent is gone as soon
 * as one process of that chain, this one included, has a parent other than at start-up. That
 * holds for a parent left a zombie by its own parent too.
 */
import { execFileSync } from "node:child_process";
import { existsSync, fstatSync, readFileSync } from "node:fs";
import { basename } from "node:path";

/** How often the chain of parents is looked at, in ms. */
const CHECK_MS = 500;
/** The shells that run a script's command line as `SHELL -c LINE`. */
const SHELLS = new Set(["sh", "dash", "bash", "zsh", "ksh", "ash"]);
/** Whether the system has Linux's /proc; elsewhere `ps` tells. */
const PROC = existsSync("/proc/self/stat");

/**
 * A process's parent, and whether it is a shell running a command line; undefined once it
 * is gone.
 *
 * @param {number} pid
 * @returns {{ ppid: number, commandShell: boolean } | undefined}
 */
function processInfo(pid) {
  try {
    if (PROC) {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // The fields after the command name, which is in parentheses and may hold anything.
      const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (state === "Z") return undefined;
      const [command = "", flag] = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      return { ppid: Number(ppid), commandShell: SHELLS.has(basename(command)) && flag === "-c" };
    }
    const line = execFileSync("ps", ["-o", "ppid=", "-o", "args=", "-p", String(pid)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    const [, ppid = "", command = "", flag] = /^(\d+)\s+(\S+)(?:\s+(\S+))?/.exec(line) ?? [];
    if (ppid === "") return undefined;
    return { ppid: Number(ppid), commandShell: SHELLS.has(basename(command)) && flag === "-c" };
  } catch {
    return undefined;
  }
}

/**
 * Each process from this one up to its parent (see the module's description) with the
 * parent it has now: the links that break when the parent is gone.
 *
 * @returns {{ pid: number, ppid: number }[]}
 */
function chainToParent() {
  const links = [];
  let pid = process.pid;
  let info = processInfo(pid);
  while (info && info.ppid > 1) {
    links.push({ pid, ppid: info.ppid });
    const parent = processInfo(info.ppid);
    if (!parent?.commandShell) break;
    pid = info.ppid;
    info = parent;
  }
  return links;
}

/**
 * Calls `onGone` when the process that started this one is gone (see the module's
 * description), when our stdin, a pipe or socket from it, closes, or when our stdout to it
 * does. A stdin that is a terminal or a file is left alone: only a pipe's end says something
 * about the parent.
 *
 * @param {() => void} onGone
 */
export function watchParent(onGone) {
  const links = chainToParent();
  setInterval(() => {
    if (links.some(({ pid, ppid }) => processInfo(pid)?.ppid !== ppid)) onGone();
  }, CHECK_MS).unref();
  const stdin = statOrUndefined(0);
  if (stdin?.isFIFO() || stdin?.isSocket()) {
    process.stdin.on("end", onGone).on("error", onGone).resume();
  }
  process.stdout.on("error", onGone);
}

/**
 * @param {number} fd
 */
function statOrUndefined(fd) {
  try {
    return fstatSync(fd);
  } catch {
    return undefined; // closed
  }
}
