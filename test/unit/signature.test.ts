import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  type HmacSha256Base64,
  nodeHmacSha256Base64,
  webCryptoHmacSha256Base64,
} from "../../src/hmac.js";
import { makeSignatureV2 } from "../../src/signature.js";

// Test vectors kept in this file; the second is the worked example of openapi.yaml's
// "Authentication" section. Each is reproduced with:
//   printf 'GET %s\n%s\n%s' "$URL" 1700000000000 ACCESS_KEY_ID \
//     | openssl dgst -sha256 -hmac ncp-secret-example -binary | base64
const SECRET = "ncp-secret-example";
const TIMESTAMP = "1700000000000";
const ACCESS_KEY = "ACCESS_KEY_ID";
const VECTORS = [
  ["/photos/puppy.jpg?query1=&query2", "iPe1hFfjl7BPGhFZJGCY5XZgH6eWMwCWlSdSkKU+SPE="],
  [
    "/api/v1/workspaces/my-workspace/projects/1234/assets/5678/indexes/1001/scene-summaries/101/status",
    "6iQk53DX98XgQUVP9kBZxHQx0ACwNP9HM9TY8P3BRVA=",
  ],
  [
    "/api/v1/workspaces/my-workspace/projects/1234/assets/5678/indexes/1001/scene-summaries",
    "MYC54Rqo6OkHfwWX9Uo6jASkAmaT3mWcviOgrB0oecI=",
  ],
] as const;

const backends: [string, HmacSha256Base64][] = [
  ["node:crypto", nodeHmacSha256Base64 as HmacSha256Base64],
  ["WebCrypto", webCryptoHmacSha256Base64],
];

describe.each(backends)("makeSignatureV2 with %s", (_name, hmac) => {
  it.each(VECTORS)("signs %s as in the published vectors", async (url, signature) => {
    const input = {
      method: "GET",
      url,
      timestamp: TIMESTAMP,
      accessKey: ACCESS_KEY,
      secretKey: SECRET,
    };
    await expect(makeSignatureV2(input, hmac)).resolves.toBe(signature);
  });

  it("takes the timestamp as a number too", async () => {
    const input = {
      method: "GET",
      url: VECTORS[1][0],
      timestamp: 1700000000000,
      accessKey: ACCESS_KEY,
      secretKey: SECRET,
    };
    await expect(makeSignatureV2(input, hmac)).resolves.toBe(VECTORS[1][1]);
  });

  it("agrees with an independent HMAC on non-ASCII keys and targets", async () => {
    // Independent: node:crypto called directly over the message as the notes define it.
    const secretKey = "비밀-키-🔑";
    const url = "/a%20b/%ED%95%9C?q=%2F&x";
    const expected = createHmac("sha256", Buffer.from(secretKey, "utf8"))
      .update(Buffer.from(`GET ${url}\n42\n${ACCESS_KEY}`, "utf8"))
      .digest("base64");
    await expect(
      makeSignatureV2(
        { method: "GET", url, timestamp: 42, accessKey: ACCESS_KEY, secretKey },
        hmac,
      ),
    ).resolves.toBe(expected);
  });
});

describe("makeSignatureV2", () => {
  it("uses node:crypto in Node by default", async () => {
    expect(nodeHmacSha256Base64).toBeTypeOf("function");
    const input = {
      method: "GET",
      url: VECTORS[0][0],
      timestamp: TIMESTAMP,
      accessKey: ACCESS_KEY,
      secretKey: SECRET,
    };
    await expect(makeSignatureV2(input)).resolves.toBe(VECTORS[0][1]);
  });

  it("refuses a full URL, which the gateway would only answer with 'Authentication Failed'", async () => {
    const input = {
      method: "GET",
      url: "https://mi.apigw.ntruss.com/x",
      timestamp: 1,
      accessKey: "a",
      secretKey: "s",
    };
    await expect(makeSignatureV2(input)).rejects.toThrow(/request target/);
  });

  it("WebCrypto keeps working for many distinct secrets (the key cache evicts)", async () => {
    for (let i = 0; i < 20; i++) {
      const secretKey = `secret-${i}`;
      const expected = createHmac("sha256", secretKey).update(`GET /\n1\nk`).digest("base64");
      await expect(
        makeSignatureV2(
          { method: "GET", url: "/", timestamp: 1, accessKey: "k", secretKey },
          webCryptoHmacSha256Base64,
        ),
      ).resolves.toBe(expected);
    }
  });
});
