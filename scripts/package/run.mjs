/**
 * Runs a command and collects its output, for the package checks: each check shows a
 * command's output only when it fails, so the output is kept rather than streamed.
 */
import { spawn } from "node:child_process";

/**
 * A command that exited non-zero, with what it printed.
 */
class CommandError extends Error {
  /**
   * @param {string} message - What failed.
   * @param {string} output - What the command printed (stdout, then stderr).
   */
  constructor(message, output) {
    super(message);
    this.name = "CommandError";
    this.output = output;
  }
}

/**
 * Runs `command` with `args` and waits for it to end.
 *
 * @param {string} command - Executable; `process.execPath` for Node, so that the checks run on
 *   the Node that runs them.
 * @param {readonly string[]} args - Arguments, passed without a shell.
 * @param {{ cwd?: string, env?: Record<string, string> }} [options] - Working directory, and
 *   the environment instead of this process's.
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>} Exit code (null
 *   when killed by a signal) and output.
 */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      ...(options.env && { env: options.env }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs a command like {@link run} and throws when it exits non-zero.
 *
 * @param {string} command - Executable.
 * @param {readonly string[]} args - Arguments.
 * @param {{ cwd?: string }} [options] - Working directory.
 * @returns {Promise<string>} Its standard output.
 * @throws {CommandError} When it exits non-zero, with its output.
 */
export async function mustRun(command, args, options = {}) {
  const { code, stdout, stderr } = await run(command, args, options);
  if (code !== 0) {
    throw new CommandError(
      `\`${[command, ...args].join(" ")}\` exited with ${code}`,
      `${stdout}${stderr}`,
    );
  }
  return stdout;
}
