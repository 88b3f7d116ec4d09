// Encryption at rest for the few things that must not be readable by whoever holds a copy of the
// database: AES-256-GCM from Node's crypto, with a key that is never stored in the database. The
// key is TILLIT_SEAL_KEY (32 bytes, base64) or, when that is not set, a key file beside the data
// directory (`<DATA_DIR>.key`, created on first start with owner-only permissions), so a copy of
// the database files — or of DATA_DIR itself — does not carry it.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Config } from "./config.ts";

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type Sealer = {
  /** `context` binds the ciphertext to where it is kept (a round's id), so it cannot be moved elsewhere. */
  seal(plain: string, context: string): string;
  open(sealed: string, context: string): string;
};

/** iv ‖ tag ‖ ciphertext, base64. */
export function createSealer(key: Buffer): Sealer {
  if (key.length !== KEY_BYTES) throw new Error(`The seal key must be ${KEY_BYTES} bytes.`);
  return {
    seal(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
    },
    open(sealed, context) {
      const bytes = Buffer.from(sealed, "base64");
      const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES))
        .setAAD(Buffer.from(context))
        .setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString("utf8");
    },
  };
}

/** Where the key file lives when TILLIT_SEAL_KEY is not set: beside DATA_DIR, never inside it. */
export const sealKeyFile = (config: Pick<Config, "dataDir">) =>
  path.join(path.dirname(config.dataDir), `${path.basename(config.dataDir)}.key`);

/** The configured key, or the key file's (made on first use). */
export function sealKeyOf(config: Pick<Config, "dataDir" | "sealKey">): Buffer {
  if (config.sealKey) {
    const key = Buffer.from(config.sealKey, "base64");
    if (key.length !== KEY_BYTES)
      throw new Error(`TILLIT_SEAL_KEY must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32).`);
    return key;
  }
  const file = sealKeyFile(config);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // `wx`: two servers starting at once cannot both write a key; the loser reads the winner's.
    try {
      fs.writeFileSync(file, randomBytes(KEY_BYTES).toString("base64"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return sealKeyOf({ ...config, sealKey: fs.readFileSync(file, "utf8").trim() });
}
