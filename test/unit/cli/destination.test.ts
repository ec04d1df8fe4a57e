/**
 * `-o FILE` (src/cli/destination.ts): a regular file is replaced whole and keeps its mode, a
 * symbolic link is followed, a device, FIFO or socket is written into and stays what it was,
 * `-` is stdout, and whatever can be known to fail is refused before anything is sent.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, writeSync } from "node:fs";
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkDestination, deliver, OutputError } from "../../../src/cli/destination.js";
import type { CliEnvironment } from "../../../src/cli/io.js";
import { run } from "../../../src/cli/run.js";

const TEXT = "WEBVTT\n\nscene-1\n00:00:01.000 --> 00:00:03.000\nThe host greets the camera.\n";

/** A run's surroundings, with stdout collected. */
function environment(options: { stdoutClosed?: boolean } = {}) {
  let stdout = "";
  let stderr = "";
  const io: CliEnvironment = {
    env: { NCLOUD_ACCESS_KEY: "TEST_ACCESS_KEY", NCLOUD_SECRET_KEY: "test-secret" },
    stdout: {
      write: (text: string, done?: (error?: Error | null) => void) => {
        stdout += text;
        done?.();
        return true;
      },
    },
    stderr: { write: (text: string) => (stderr += text) },
    stdoutClosed: options.stdoutClosed,
  };
  return { io, stdout: () => stdout, stderr: () => stderr };
}

/** Checks the destination, as before a request, then delivers TEXT to it. */
async function write(output: string, io = environment().io): Promise<void> {
  await checkDestination(output, io);
  await deliver(TEXT, output, io);
}

const folder = () => mkdtemp(join(tmpdir(), "ncp-mi-destination-"));

/** Processes a test started, stopped after it. */
const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) child.kill("SIGKILL");
});

/** `cat PATH`, its output collected: a reader on a FIFO. */
function reader(path: string) {
  const child = spawn("cat", [path], { stdio: ["ignore", "pipe", "inherit"] });
  started.push(child);
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => (output += text));
  const done = new Promise<string>((resolve) => child.once("close", () => resolve(output)));
  return done;
}

describe("a regular file", () => {
  it("is created when it does not exist, and no temporary file is left", async () => {
    const dir = await folder();
    await write(join(dir, "chapters.vtt"));
    expect(await readFile(join(dir, "chapters.vtt"), "utf8")).toBe(TEXT);
    expect(await readdir(dir)).toEqual(["chapters.vtt"]);
  });

  it.each([0o600, 0o640, 0o755])(
    "is replaced by another file, whole, keeping its mode %o",
    async (mode) => {
      const dir = await folder();
      const path = join(dir, "chapters.vtt");
      await writeFile(path, "previous chapters\n");
      await chmod(path, mode);
      const before = await stat(path);
      await write(path);
      const after = await stat(path);
      expect(await readFile(path, "utf8")).toBe(TEXT);
      expect(after.ino).not.toBe(before.ino);
      expect(after.mode & 0o777).toBe(mode);
      expect(await readdir(dir)).toEqual(["chapters.vtt"]);
    },
  );

  it.each([238, 255])("may have a name of %d bytes", async (bytes) => {
    const dir = await folder();
    // Hangul syllables are 3 bytes each in UTF-8: the name is long in bytes, not in characters.
    const name = `${"한".repeat(Math.floor((bytes - 4) / 3))}${"x".repeat((bytes - 4) % 3)}.vtt`;
    expect(Buffer.byteLength(name)).toBe(bytes);
    await write(join(dir, name));
    expect(await readdir(dir)).toEqual([name]);
    expect(await readFile(join(dir, name), "utf8")).toBe(TEXT);
  });
});

describe("a symbolic link", () => {
  it("is followed: its target is replaced, keeping its mode, and the link stays", async () => {
    const dir = await folder();
    await mkdir(join(dir, "elsewhere"));
    const target = join(dir, "elsewhere", "real.vtt");
    await writeFile(target, "previous\n");
    await chmod(target, 0o600);
    await symlink("elsewhere/real.vtt", join(dir, "link.vtt"));
    await symlink("link.vtt", join(dir, "link-to-link.vtt"));
    await write(join(dir, "link-to-link.vtt"));
    expect((await lstat(join(dir, "link-to-link.vtt"))).isSymbolicLink()).toBe(true);
    expect((await lstat(join(dir, "link.vtt"))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(dir, "link.vtt"))).toBe("elsewhere/real.vtt");
    expect(await readFile(target, "utf8")).toBe(TEXT);
    expect((await stat(target)).mode & 0o777).toBe(0o600);
    expect((await readdir(join(dir, "elsewhere"))).sort()).toEqual(["real.vtt"]);
  });

  it("whose target does not exist yet: the target is created, and the link stays", async () => {
    const dir = await folder();
    await symlink("new.vtt", join(dir, "link.vtt"));
    await write(join(dir, "link.vtt"));
    expect((await lstat(join(dir, "link.vtt"))).isSymbolicLink()).toBe(true);
    expect(await readFile(join(dir, "new.vtt"), "utf8")).toBe(TEXT);
  });

  it("to an open file of this process (/dev/fd/N): appended to, as the shell opened it", async () => {
    const dir = await folder();
    const path = join(dir, "log.txt");
    await writeFile(path, "earlier lines\n");
    const fd = openSync(path, "a");
    try {
      await write(`/dev/fd/${fd}`);
      writeSync(fd, "later lines\n");
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(path, "utf8")).toBe(`earlier lines\n${TEXT}later lines\n`);
  });
});

describe("what is not a regular file is written into, and stays what it is", () => {
  it("a FIFO: its reader gets the text", async () => {
    const dir = await folder();
    const fifo = join(dir, "chapters.fifo");
    execFileSync("mkfifo", [fifo]);
    const read = reader(fifo);
    await write(fifo);
    expect(await read).toBe(TEXT);
    expect((await lstat(fifo)).isFIFO()).toBe(true);
    expect(await readdir(dir)).toEqual(["chapters.fifo"]);
  });

  it("a character device", async () => {
    // A null device of the test's own where the system lets us make one (as root), else the
    // system's /dev/null, which a user other than root cannot replace.
    const dir = await folder();
    let device = join(dir, "null");
    try {
      execFileSync("mknod", [device, "c", "1", "3"], { stdio: "ignore" });
    } catch {
      device = "/dev/null";
    }
    const before = await lstat(device);
    await write(device);
    const after = await lstat(device);
    expect(after.isCharacterDevice()).toBe(true);
    expect({ ino: after.ino, rdev: after.rdev }).toEqual({ ino: before.ino, rdev: before.rdev });
  });

  it("a socket: its listener gets the text", async () => {
    const dir = await folder();
    const path = join(dir, "chapters.sock");
    const server = createServer();
    const received = new Promise<string>((resolve) => {
      server.once("connection", (socket) => {
        let text = "";
        socket.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
        socket.once("end", () => resolve(text));
      });
    });
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      await write(path);
      expect(await received).toBe(TEXT);
      expect((await lstat(path)).isSocket()).toBe(true);
    } finally {
      server.close();
    }
  });
});

describe("refused before anything is sent (exit 2), with nothing written", () => {
  /** The error of checking `output`, which must be one found before sending. */
  async function refusal(output: string, io = environment().io): Promise<string> {
    const error = await checkDestination(output, io).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(OutputError);
    expect((error as OutputError).beforeSending).toBe(true);
    return (error as OutputError).message;
  }

  it("a folder", async () => {
    const dir = await folder();
    expect(await refusal(dir)).toBe(`cannot write -o ${dir}: it is a folder (EISDIR).`);
  });

  it.each([
    ["new/", "/"],
    ["/", "/"],
    ["new/.", "/."],
    ["new/..", "/.."],
  ])("DIR/%s: a folder's name, whether or not that folder exists", async (name, ending) => {
    const dir = await folder();
    const output = `${dir}/${name}`.replace("//", "/");
    expect(await refusal(output)).toBe(
      `cannot write -o ${output}: a name ending in ${ending} is a folder's; name a file.`,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it("a name longer than 255 bytes", async () => {
    const dir = await folder();
    const name = `${"x".repeat(252)}.vtt`;
    expect(await refusal(join(dir, name))).toMatch(
      /^cannot write -o .*…: the name is too long \(ENAMETOOLONG\)\.$/,
    );
  });

  it("a folder that does not exist", async () => {
    const dir = await folder();
    expect(await refusal(join(dir, "missing", "chapters.vtt"))).toBe(
      `cannot write -o ${dir}/missing/chapters.vtt: the folder does not exist (ENOENT).`,
    );
  });

  it("a path through a file", async () => {
    const dir = await folder();
    await writeFile(join(dir, "file"), "");
    expect(await refusal(join(dir, "file", "chapters.vtt"))).toBe(
      `cannot write -o ${dir}/file/chapters.vtt: a part of the path is not a folder (ENOTDIR).`,
    );
  });

  it("a loop of symbolic links", async () => {
    const dir = await folder();
    await symlink("b", join(dir, "a"));
    await symlink("a", join(dir, "b"));
    expect(await refusal(join(dir, "a"))).toBe(
      `cannot write -o ${dir}/a: too many symbolic links (ELOOP).`,
    );
  });

  it("-, when stdout is closed", async () => {
    expect(await refusal("-", environment({ stdoutClosed: true }).io)).toMatch(/^stdout is closed/);
  });

  it("ncp-mi -o DIR/ ends with exit 2 and sends nothing", async () => {
    const dir = await folder();
    const { io, stderr } = environment();
    const sent: string[] = [];
    io.fetch = async (input) => {
      sent.push(String(input));
      throw new Error("nothing may be sent");
    };
    const ids = ["--workspace", "w", "--project", "1", "--asset", "2"];
    const code = await run(["status", ...ids, "-o", `${dir}/new/`], io);
    expect({ code, sent }).toEqual({ code: 2, sent: [] });
    expect(stderr()).toContain("a name ending in / is a folder's");
    expect(await readdir(dir)).toEqual([]);
  });
});

describe("-o - is stdout", () => {
  it("deliver writes it to stdout", async () => {
    const { io, stdout } = environment();
    await write("-", io);
    expect(stdout()).toBe(TEXT);
  });

  it.each([
    ["-o -", ["-o", "-"]],
    ["--output=-", ["--output=-"]],
  ])("ncp-mi %s prints on stdout and writes no file named -", async (_, option) => {
    const { io, stdout, stderr } = environment();
    const ids = ["--workspace", "w", "--project", "1", "--asset", "2"];
    const existed = existsSync("-");
    try {
      const code = await run(["status", ...ids, "--dry-run", ...option], io);
      expect({ code, stderr: stderr() }).toMatchObject({ code: 0 });
      expect(stdout()).toMatch(/^curl /);
      expect(existsSync("-")).toBe(existed);
    } finally {
      if (!existed) await rm("-", { force: true });
    }
  });
});
