// How the built web app is served: the compressed copy a browser accepts, hashed assets kept for a
// year, index.html asked for again on every visit. On a small stand-in for dist/web, so nothing is built.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveWebApp } from "./app.ts";

const SCRIPT = `export const greeting = "${"hej ".repeat(500)}";\n`;
const INDEX = `<!doctype html><html lang="sv"><head><script type="module" src="/assets/index-AbC123.js"></script></head><body>${"<p>Tillit</p>".repeat(50)}</body></html>`;

let root: string;
let app: FastifyInstance;

/** A build as vite.config.ts leaves it: each text file with its .br and .gz beside it. */
function writeBuilt(file: string, content: string) {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, content);
  fs.writeFileSync(`${full}.br`, brotliCompressSync(content));
  fs.writeFileSync(`${full}.gz`, gzipSync(content));
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "tillit-web-"));
  writeBuilt("index.html", INDEX);
  writeBuilt("assets/index-AbC123.js", SCRIPT);
  app = Fastify();
  await serveWebApp(app, root);
});

afterAll(async () => {
  await app.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  app.inject({ url, headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} });

describe("the built web app", () => {
  it("sends brotli to a browser that accepts it, gzip to one that accepts only gzip, the file itself otherwise", async () => {
    const br = await get("/assets/index-AbC123.js", "gzip, deflate, br");
    expect(br.statusCode).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.rawPayload).toEqual(fs.readFileSync(path.join(root, "assets/index-AbC123.js.br")));
    expect(br.headers["content-type"]).toMatch(/javascript/);

    const gz = await get("/assets/index-AbC123.js", "gzip");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gz.rawPayload).toEqual(fs.readFileSync(path.join(root, "assets/index-AbC123.js.gz")));

    const plain = await get("/assets/index-AbC123.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);

    // A shared cache must not hand the brotli copy to a client that cannot read it.
    for (const response of [br, gz, plain]) expect(response.headers.vary).toMatch(/accept-encoding/i);
  });

  it("lets a browser keep a hashed asset for a year without asking again", async () => {
    for (const encoding of ["br", "gzip", undefined]) {
      const response = await get("/assets/index-AbC123.js", encoding);
      expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    }
  });

  it("has index.html asked for on every visit, at / and as the answer to any page's address", async () => {
    for (const url of [
      "/",
      "/index.html",
      "/enheter/4b1f0e0e-0000-4000-8000-000000000000",
      "/inventering?q=x",
    ]) {
      const response = await get(url, "br");
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["content-type"], url).toMatch(/^text\/html/);
      expect(response.headers["content-encoding"], url).toBe("br");
      expect(response.headers["cache-control"], url).toBe("no-cache");
    }
    const plain = await get("/uppfoljning");
    expect(plain.body).toBe(INDEX);
    expect(plain.headers["cache-control"]).toBe("no-cache");
  });

  it("answers an unknown API path with 404, not with the app", async () => {
    expect((await get("/api/nothing-here")).statusCode).toBe(404);
  });
});
