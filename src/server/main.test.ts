// The server as `npm start` runs it: JSON logs, health, and a clean stop on SIGTERM.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tillit-main-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startServer(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    TILLIT_DEMO: "off",
    LOG_LEVEL: "info",
    DATABASE_URL: "",
  };
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], { cwd: root, env });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return { child, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`The server did not start:\n${output}`);
}

// The process does not depend on the database kind; the PostgreSQL pass leaves it out.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))("the server process", () => {
  it("logs JSON, answers health, and on SIGTERM finishes in-flight work and releases its data directory", async () => {
    const port = await freePort();
    const { child, output } = await startServer(port);
    const health = await (await fetch(`http://127.0.0.1:${port}/api/health`)).json();
    expect(health).toEqual({ status: "ok", database: "pglite", version: expect.any(String) });
    expect(fs.existsSync(path.join(dataDir, "tillit.lock"))).toBe(true);

    const inFlight = fetch(`http://127.0.0.1:${port}/api/openapi.json`);
    child.kill("SIGTERM");
    expect((await inFlight).status).toBe(200);
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(dataDir, "tillit.lock"))).toBe(false);

    const lines = output().trim().split("\n");
    const parsed = lines.map((line) => JSON.parse(line));
    expect(parsed.some((entry) => entry.msg?.includes("SIGTERM received"))).toBe(true);
    expect(parsed.every((entry) => typeof entry.level === "number" && typeof entry.time === "number")).toBe(
      true,
    );

    // The data it wrote survives: the same directory opens again.
    const again = await startServer(port);
    again.child.kill("SIGTERM");
    expect(await new Promise((resolve) => again.child.once("exit", resolve))).toBe(0);
  });
});
