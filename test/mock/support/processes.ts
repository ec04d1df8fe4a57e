/**
 * Runs the mock's scripts as processes and looks at the process tree (Linux's /proc), to
 * check that nothing is left running once they, or their parent, are gone.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/** A script of scripts/. */
export const script = (name: string) =>
  fileURLToPath(new URL(`../../../scripts/${name}`, import.meta.url));

/** A running process with its output collected. */
export interface Running {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** Resolves once the output contains `text`; rejects if the process exits first. */
  waitFor(text: string): Promise<void>;
}

/** Starts `command args` with nothing of the test's environment but PATH. */
export function run(
  command: string,
  args: string[],
  options: { env?: Record<string, string>; stdin?: "pipe" | "ignore" } = {},
): Running {
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH ?? "", ...options.env },
    stdio: [options.stdin ?? "ignore", "pipe", "pipe"],
  });
  let output = "";
  const listeners = new Set<() => void>();
  const collect = (text: string) => {
    output += text;
    for (const listener of listeners) listener();
  };
  child.stdout?.setEncoding("utf8").on("data", collect);
  child.stderr?.setEncoding("utf8").on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const waitFor = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (output.includes(text)) {
          listeners.delete(check);
          resolve();
        }
      };
      listeners.add(check);
      check();
      exited.then(() => {
        if (!output.includes(text)) reject(new Error(`exited before "${text}":\n${output}`));
      });
    });
  return { child, output: () => output, exited, waitFor };
}

/** A port nothing listens on now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}

/** Every live process's parent, from /proc. */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // The command name, in parentheses, may contain spaces: the fields after it are safe.
      const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (state !== "Z") map.set(Number(name), Number(ppid));
    } catch {
      // Gone while we looked.
    }
  }
  return map;
}

/** The live descendants of `pid`. */
export function descendants(pid: number): number[] {
  const byParent = parents();
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.shift() as number;
    for (const [child, parent] of byParent) {
      if (parent === current) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** The command line of a process, or undefined once it is gone (or a zombie). */
export function commandLine(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z")) return undefined;
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return undefined;
  }
}

/** Resolves with the processes of `pids` still alive after `withinMs`, or [] once all are gone. */
export async function survivors(pids: number[], withinMs: number): Promise<string[]> {
  const until = Date.now() + withinMs;
  for (;;) {
    const alive = pids.map(commandLine).filter((line): line is string => line !== undefined);
    if (alive.length === 0 || Date.now() > until) return alive;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
