/** A small gzip body that inflates to a large one, made without holding the large one. */
import { createGzip } from "node:zlib";

/**
 * Gzips `inflatedBytes` zero bytes, fed in 64 KiB pieces, at the highest compression:
 * 200 MB of zeros gives about 200 KB.
 */
export async function gzipBomb(inflatedBytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    gzip.on("end", resolve);
    gzip.on("error", reject);
  });
  const piece = Buffer.alloc(64 * 1024);
  for (let written = 0; written < inflatedBytes; written += piece.length) {
    const size = Math.min(piece.length, inflatedBytes - written);
    if (!gzip.write(piece.subarray(0, size))) {
      await new Promise((resolve) => gzip.once("drain", resolve));
    }
  }
  gzip.end();
  await ended;
  return Buffer.concat(chunks);
}
