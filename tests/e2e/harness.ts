// Starts the real server (embedded database, demo organisation) and Debian's Chromium for browser tests,
// and holds the one copy of what every browser test does: sign in as a demo account, call the API as
// that person, check a page with axe, reach a control with Tab, open a folded form, pick an option.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = fs.existsSync(CHROMIUM);
const root = path.resolve(import.meta.dirname, "../..");

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

export type Harness = {
  baseUrl: string;
  browser: Browser;
  /** The last one-time link mailed to this address. Without SMTP the server logs it for its addressee only. */
  linkSentTo(email: string): Promise<string>;
  stop(): Promise<void>;
};

export async function startHarness(): Promise<Harness> {
  if (!fs.existsSync(path.join(root, "dist/web/index.html")))
    throw new Error("Build the web app first: npx vite build");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tillit-e2e-"));
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      // The key that seals pending barometer answers, so no key file is left beside the data directory.
      TILLIT_SEAL_KEY: randomBytes(32).toString("base64"),
      PORT: String(port),
      HOST: "127.0.0.1",
      // At info the server logs one-time links (the outbox never shows them); warnings are passed on.
      LOG_LEVEL: "info",
      TILLIT_DEMO: "on",
      DATABASE_URL: "",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const links = readLoggedLinks(server);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, server);
  } catch (error) {
    // A server that never became healthy leaves nothing behind: no process, no data directory.
    server.kill("SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  return {
    baseUrl,
    browser,
    linkSentTo: (email) => waitFor(() => links.get(email), `no link was mailed to ${email}`),
    async stop() {
      await browser.close();
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Reads the server's JSON log: keeps the links it mailed, passes warnings and errors on to stderr. */
function readLoggedLinks(server: ChildProcess): Map<string, string> {
  const links = new Map<string, string>();
  if (!server.stdout) return links;
  readline.createInterface({ input: server.stdout }).on("line", (line) => {
    let entry: { level?: number; mailTo?: string; link?: string };
    try {
      entry = JSON.parse(line);
    } catch {
      process.stderr.write(`${line}\n`);
      return;
    }
    if (entry.mailTo && entry.link) links.set(entry.mailTo, entry.link);
    else if ((entry.level ?? 0) >= 40) process.stderr.write(`${line}\n`);
  });
  return links;
}

/** Polls a condition the server fulfils asynchronously (a log line written after the response). */
async function waitFor<T>(read: () => T | undefined, failure: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function waitForHealth(baseUrl: string, server: ChildProcess) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server exited with code ${server.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("The server did not become healthy in time");
}

/** WCAG 2.1 A and AA violations on the page as it is now, as readable lines. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
}

/** A browser page of its own (own cookies), wide by default; paths resolve against the server. */
export async function newPage(harness: Harness, { width = 1280, height = 900 } = {}): Promise<Page> {
  const context = await harness.browser.newContext({ baseURL: harness.baseUrl, viewport: { width, height } });
  return context.newPage();
}

/** A demo account (`admin`, `chef`, `medarbetare`, …) signed in on a page of its own, at its start page. */
export async function signIn(harness: Harness, account: string, options?: { width?: number }): Promise<Page> {
  const page = await newPage(harness, options);
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(`${account}@exempelkommun.se`);
  await page.getByLabel("Lösenord").fill("tillit-demo");
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.getByRole("heading", { level: 1, name: "Min enhet" }).waitFor();
  return page;
}

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** Calls the API as the page's signed-in person, with the CSRF token the app would send; any status. */
export async function callApi<T>(
  page: Page,
  method: Method,
  path: string,
  data?: unknown,
): Promise<{ status: number; body: T }> {
  const me = await (await page.request.get("/api/auth/me")).json();
  const response = await page.request.fetch(path, {
    method,
    data: data as never,
    headers: { "x-csrf-token": me.csrfToken },
  });
  return { status: response.status(), body: (await response.json().catch(() => null)) as T };
}

/** Like callApi, for a call that must succeed: the body, or an error naming the call and the answer. */
async function expectOk<T>(page: Page, method: Method, path: string, data?: unknown): Promise<T> {
  const { status, body } = await callApi<T>(page, method, path, data);
  if (status < 200 || status > 299) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(body)}`);
  return body;
}

export const apiGet = <T>(page: Page, path: string) => expectOk<T>(page, "GET", path);
export const apiPost = <T>(page: Page, path: string, data: unknown) => expectOk<T>(page, "POST", path, data);

export type Unit = { id: string; name: string };

/** The id of the unit with this name; fails if there is none. */
export function unitId(units: Unit[], name: string): string {
  const unit = units.find((candidate) => candidate.name === name);
  if (!unit) throw new Error(`No unit ${name}`);
  return unit.id;
}

export type CheckOptions = {
  /** Buttons (by name) that open a form in place; the forms behind them are checked opened. */
  expand?: RegExp;
};

/**
 * Opens the path and returns what is wrong there at the page's present width: axe's findings and
 * sideways scrolling. Forms folded into <details> are checked opened as well.
 */
export async function check(page: Page, path: string, { expand }: CheckOptions = {}): Promise<string[]> {
  const where = `${path} @${page.viewportSize()?.width}px`;
  await page.goto(path);
  try {
    await page.getByRole("heading", { level: 1 }).waitFor();
  } catch (error) {
    throw new Error(`${where}: ${error}`);
  }
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => {
    for (const details of document.querySelectorAll("details")) details.open = true;
  });
  if (expand) {
    for (const button of await page.getByRole("button", { name: expand }).all())
      if ((await button.getAttribute("aria-expanded")) === "false") await button.click();
    await page.waitForLoadState("networkidle");
  }
  const failures = (await accessibilityViolations(page)).map((violation) => `${where}: ${violation}`);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  if (overflow > 0) failures.push(`${where}: the page scrolls sideways by ${overflow} px`);
  return failures;
}

/** Presses Tab, as a keyboard user would, until the target has focus; fails if it is never reached. */
export async function tabTo(target: Locator, maxPresses = 80): Promise<void> {
  for (let press = 0; press < maxPresses; press++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await target.page().keyboard.press("Tab");
  }
  throw new Error(`Not reachable with Tab in ${maxPresses} presses`);
}

/** Opens a folded form (a <details>) by its summary, unless it is open already. */
export async function unfold(page: Page, summary: string): Promise<Locator> {
  const details = page.locator("details", { has: page.locator("summary", { hasText: summary }) });
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open)))
    await details.locator("summary").first().click();
  return details;
}

/** Chooses an option by its visible name; unit pickers indent names by their depth in the chain. */
export async function choose(select: Locator, name: string): Promise<void> {
  const value = await select.evaluate(
    (element, wanted) =>
      [...(element as HTMLSelectElement).options].find((option) => option.textContent?.trim() === wanted)
        ?.value ?? "",
    name,
  );
  expect(value).not.toBe("");
  await select.selectOption(value);
}
