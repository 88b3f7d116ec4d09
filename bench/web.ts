// `npm run bench -- web`: how light the web app is on a phone. Builds the app when its sources are
// newer than the build, prints every chunk's size as sent (raw, gzip, brotli), then starts the server
// as `npm start` does (embedded database, demo organisation, a temporary DATA_DIR), signs in a demo
// manager and runs Lighthouse's mobile profile (simulated slow 4G and a 4× slower CPU) on the start
// page, a follow-up unit page and the inventory's burden page, several times each (median shown).
// Goals (issue 11): first page ≤ 150 kB of compressed JavaScript, LCP ≤ 2.5 s, TBT ≤ 200 ms,
// accessibility 100. Needs Debian's Chromium (`apt-get install -y chromium`; CHROMIUM_PATH to override).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import lighthouse, { type Flags } from "lighthouse";
import puppeteer, { type Page } from "puppeteer-core";
import { DEMO_PASSWORD } from "../src/server/demo/seed.ts";
import { machineLoad, percentile } from "./lib.ts";

const root = path.resolve(import.meta.dirname, "..");
const dist = path.join(root, "dist/web");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Lighthouse's figures vary from run to run on a shared machine: each page is measured this often. */
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const ACCOUNT = "chef@exempelkommun.se";
const GOALS = { firstPageKb: 150, lcpMs: 2500, tbtMs: 200, accessibility: 100 };

export async function run() {
  console.log("\n## Web app (Lighthouse, mobile profile)\n");
  buildIfStale();
  printChunks();
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`No Chromium at ${CHROMIUM}: Lighthouse skipped (apt-get install -y chromium).`);
    return;
  }
  const server = await startServer();
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless=new", "--no-sandbox", "--disable-gpu"],
  });
  try {
    const page = await browser.newPage();
    const { unitId } = await signIn(page, server.origin);
    const pages = [
      { name: "start page", path: "/" },
      { name: "follow-up unit page", path: `/uppfoljning/enhet/${unitId}` },
      { name: "inventory burden", path: "/inventering/belastning" },
    ];
    console.log(`\n${machineLoad()}; ${RUNS} Lighthouse runs per page, median shown`);
    console.log("| page | LCP | TBT | performance | accessibility | JS sent (compressed) |");
    console.log("|---|---|---|---|---|---|");
    for (const target of pages) {
      const runs: Audit[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await audit(page, `${server.origin}${target.path}`));
      const median = (pick: (run: Audit) => number) => percentile(runs.map(pick), 0.5);
      console.log(
        `| ${target.name} | ${(median((run) => run.lcpMs) / 1000).toFixed(2)} s | ${Math.round(median((run) => run.tbtMs))} ms | ${Math.round(median((run) => run.performance))} | ${Math.round(median((run) => run.accessibility))} | ${kb(median((run) => run.scriptBytes))} |`,
      );
      const findings = new Set(runs.flatMap((run) => run.accessibilityFindings));
      for (const finding of findings)
        console.log(`  accessibility finding on the ${target.name}: ${finding}`);
    }
    console.log(
      `Goals: LCP ≤ ${GOALS.lcpMs / 1000} s, TBT ≤ ${GOALS.tbtMs} ms, accessibility ${GOALS.accessibility}, first page ≤ ${GOALS.firstPageKb} kB of compressed JavaScript.`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// The build

/** Newest modification time under a directory (the web app's sources). */
function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildIfStale() {
  const built = path.join(dist, "index.html");
  const sources = Math.max(
    newestChange(path.join(root, "src/web")),
    ...["index.html", "vite.config.ts", "package-lock.json"].map(
      (file) => fs.statSync(path.join(root, file)).mtimeMs,
    ),
  );
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return;
  console.log("Building the web app (its sources are newer than dist/web)…");
  const build = spawnSync("npx", ["vite", "build", "--logLevel", "warn"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) throw new Error("vite build failed");
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const sizeOf = (file: string) => fs.statSync(file).size;
/** A compressed copy is left out when it would not be smaller; the file itself is sent then. */
const sentSize = (file: string, copy: string) => sizeOf(fs.existsSync(copy) ? copy : file);

/** The JavaScript index.html loads at once (its script and the modules it preloads): the first page's. */
function firstPageScripts() {
  const html = fs.readFileSync(path.join(dist, "index.html"), "utf8");
  return new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]));
}

/** Each chunk as the server sends it: the file, its gzip copy and its brotli copy (vite.config.ts). */
function printChunks() {
  const first = firstPageScripts();
  const assets = fs
    .readdirSync(path.join(dist, "assets"))
    .filter((file) => /\.(js|css)$/.test(file))
    .map((file) => {
      const full = path.join(dist, "assets", file);
      return {
        file,
        raw: sizeOf(full),
        gzip: sentSize(full, `${full}.gz`),
        brotli: sentSize(full, `${full}.br`),
      };
    })
    .sort((a, b) => b.raw - a.raw);
  console.log("| chunk | raw | gzip | brotli |");
  console.log("|---|---|---|---|");
  for (const asset of assets) {
    const mark = first.has(`assets/${asset.file}`) ? " (first page)" : "";
    console.log(`| ${asset.file}${mark} | ${kb(asset.raw)} | ${kb(asset.gzip)} | ${kb(asset.brotli)} |`);
  }
  const firstPage = assets.filter((asset) => first.has(`assets/${asset.file}`));
  const sum = (pick: (asset: (typeof assets)[number]) => number) =>
    kb(firstPage.reduce((total, asset) => total + pick(asset), 0));
  console.log(
    `First page's JavaScript (${firstPage.length} files): ${sum((a) => a.raw)} raw, ${sum((a) => a.gzip)} gzip, ${sum((a) => a.brotli)} brotli (goal ≤ ${GOALS.firstPageKb} kB compressed)`,
  );
}

// ---------------------------------------------------------------------------------------------
// The server and a signed-in person

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The server as `npm start` runs it, on the demo organisation in a data directory of its own. */
async function startServer() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tillit-bench-web-"));
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      TILLIT_SEAL_KEY: randomBytes(32).toString("base64"),
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      TILLIT_DEMO: "on",
      DATABASE_URL: "",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The server exited with code ${server.exitCode}`);
    if (
      await fetch(`${origin}/api/health`).then(
        (response) => response.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error("The server did not become healthy in time");
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { origin, stop };
}

/**
 * Signs the demo manager in through the login page, so the session cookie is in the browser Lighthouse
 * then drives (its storage reset is turned off below); answers her own unit.
 */
async function signIn(page: Page, origin: string) {
  await page.goto(`${origin}/logga-in`);
  await page.locator("input[type=email]").fill(ACCOUNT);
  await page.locator("input[type=password]").fill(DEMO_PASSWORD);
  const [response] = await Promise.all([
    page.waitForResponse((answer) => answer.url().endsWith("/api/auth/login")),
    page.locator("button[type=submit]").click(),
  ]);
  if (!response.ok()) throw new Error(`login: ${response.status()} ${await response.text()}`);
  // The login page moves on to the start page at once, dropping the login's answer: asked again.
  const cookie = (await page.browserContext().cookies())
    .map(({ name, value }) => `${name}=${value}`)
    .join("; ");
  const me = (await (await fetch(`${origin}/api/auth/me`, { headers: { cookie } })).json()) as {
    roles: { unitId: string }[];
  };
  // Away from the start page, so its first measurement loads it anew rather than from memory.
  await page.goto("about:blank");
  return { unitId: me.roles[0].unitId };
}

// ---------------------------------------------------------------------------------------------
// Lighthouse

type Audit = {
  lcpMs: number;
  tbtMs: number;
  performance: number;
  accessibility: number;
  /** Bytes of JavaScript over the wire, as the browser received them (compressed, headers included). */
  scriptBytes: number;
  accessibilityFindings: string[];
};

async function audit(page: Page, url: string): Promise<Audit> {
  const flags: Flags = {
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance", "accessibility"],
    // Keeps the session cookie; the HTTP cache is emptied below instead, so every run is a first visit.
    disableStorageReset: true,
  };
  const devtools = await page.createCDPSession();
  await devtools.send("Network.clearBrowserCache");
  await devtools.detach();
  const result = await lighthouse(url, flags, undefined, page);
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  const { audits, categories, finalDisplayedUrl } = result.lhr;
  // A lost session would measure the login page instead: the figures would look fine and mean nothing.
  if (finalDisplayedUrl !== url) throw new Error(`Lighthouse was sent from ${url} to ${finalDisplayedUrl}`);
  const requests =
    (audits["network-requests"].details as { items: NetworkRequest[] } | undefined)?.items ?? [];
  const accessibilityFindings = categories.accessibility.auditRefs
    .map((ref) => audits[ref.id])
    .filter((item) => item.score !== null && item.score < 1 && item.scoreDisplayMode === "binary")
    .map((item) => `${item.id}: ${item.title}`);
  return {
    lcpMs: audits["largest-contentful-paint"].numericValue ?? Number.NaN,
    tbtMs: audits["total-blocking-time"].numericValue ?? Number.NaN,
    performance: (categories.performance.score ?? 0) * 100,
    accessibility: (categories.accessibility.score ?? 0) * 100,
    scriptBytes: requests
      .filter((request) => request.resourceType === "Script")
      .reduce((total, request) => total + request.transferSize, 0),
    accessibilityFindings,
  };
}

type NetworkRequest = { resourceType?: string; transferSize: number };
