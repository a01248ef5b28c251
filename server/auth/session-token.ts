// next-auth's JWT codec (next-auth/jwt encode/decode: A256GCM, "dir", a key derived by HKDF from
// the secret), with the derived key kept per secret. next-auth derives it again on every call,
// and that one HKDF was the largest single cost of a signed-in API request (profile in the README).
import { hkdfSync, randomUUID } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

const INFO = "NextAuth.js Generated Encryption Key";
const derivedKeys = new Map<string, Uint8Array>();

/** next-auth's getDerivedEncryptionKey, computed once per (secret, salt). */
function encryptionKey(secret: string | Buffer, salt = ""): Uint8Array {
  const cacheKey = `${salt}\u0000${secret.toString()}`;
  let key = derivedKeys.get(cacheKey);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, salt, salt ? `${INFO} (${salt})` : INFO, 32));
    derivedKeys.set(cacheKey, key);
  }
  return key;
}

export async function encodeSessionToken({ token = {}, secret, maxAge = 30 * 24 * 60 * 60, salt = "" }: JWTEncodeParams): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt()
    .setExpirationTime(now + maxAge)
    .setJti(randomUUID())
    .encrypt(encryptionKey(secret, salt));
}

export async function decodeSessionToken({ token, secret, salt = "" }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, encryptionKey(secret, salt), { clockTolerance: 15 });
  return payload;
}
