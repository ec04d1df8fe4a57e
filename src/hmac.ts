/**
 * HMAC-SHA256 backends for the signer. Both return the MAC as base64.
 *
 * Where `node:crypto` exists (Node, Bun, Deno) `createHmac` is used: it is synchronous and
 * about ten times faster than WebCrypto even with the key cached (see bench/). Everywhere
 * else (browsers, edge runtimes) WebCrypto is used, with the imported key cached per secret,
 * because importing the key costs more than signing.
 *
 * `process.getBuiltinModule` (Node 20.16+) finds `node:crypto` without a static import, so
 * bundlers for the browser see no Node built-in and one build serves every runtime.
 */

/** Computes base64(HMAC-SHA256(key = secretKey as UTF-8, data = message as UTF-8)). */
export type HmacSha256Base64 = (secretKey: string, message: string) => string | Promise<string>;

type NodeCrypto = typeof import("node:crypto");

const nodeCrypto = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
).process?.getBuiltinModule?.("node:crypto") as NodeCrypto | undefined;

/** `node:crypto` backend, or `undefined` where the runtime has no `node:crypto`. */
export const nodeHmacSha256Base64: HmacSha256Base64 | undefined = nodeCrypto
  ? (secretKey, message) =>
      nodeCrypto.createHmac("sha256", secretKey).update(message).digest("base64")
  : undefined;

const encoder = new TextEncoder();
/** Imported keys by secret. A client uses one secret, so a handful of entries is plenty. */
const keyCache = new Map<string, Promise<CryptoKey>>();
const KEY_CACHE_SIZE = 8;

function importKey(secretKey: string): Promise<CryptoKey> {
  let key = keyCache.get(secretKey);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      encoder.encode(secretKey),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    // Forget a key whose import failed, so the next call tries again.
    key.catch(() => keyCache.delete(secretKey));
    if (keyCache.size >= KEY_CACHE_SIZE) {
      // Maps iterate in insertion order: drop the oldest key.
      keyCache.delete(keyCache.keys().next().value as string);
    }
    keyCache.set(secretKey, key);
  }
  return key;
}

/** WebCrypto backend: works in browsers, edge runtimes, Deno, Bun and Node. */
export const webCryptoHmacSha256Base64: HmacSha256Base64 = async (secretKey, message) => {
  const mac = await crypto.subtle.sign("HMAC", await importKey(secretKey), encoder.encode(message));
  return btoa(String.fromCharCode(...new Uint8Array(mac)));
};

/** The fastest backend this runtime has. */
export const hmacSha256Base64: HmacSha256Base64 = nodeHmacSha256Base64 ?? webCryptoHmacSha256Base64;
