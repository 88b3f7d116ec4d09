import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accessibilityViolations,
  check,
  type Harness,
  hasChromium,
  newPage,
  startHarness,
  tabTo,
} from "./harness.ts";

let harness: Harness;
let page: Page;

describe.skipIf(!hasChromium)("Tillit in the browser", () => {
  beforeAll(async () => {
    harness = await startHarness();
    page = await newPage(harness);
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("refuses a wrong password with a message, then logs in", async () => {
    await page.goto("/enheter");
    await page.waitForURL(/\/logga-in\?next=/);
    await page.getByLabel("E-postadress").fill("admin@exempelkommun.se");
    await page.getByLabel("Lösenord").fill("fel-lösenord");
    await page.getByRole("button", { name: "Logga in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/e-post|lösenord/i);
    expect(await page.getByLabel("Lösenord").getAttribute("aria-describedby")).toContain("login-error");
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel("Lösenord").fill("tillit-demo");
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.getByRole("heading", { level: 1, name: "Enheter" }).waitFor();
    expect(await page.title()).toBe("Enheter – Tillit");
  });

  it("browses the unit tree down to a school and its people", async () => {
    await page.goto("/enheter");
    await page.getByRole("button", { name: "Visa underenheter till Utbildningsförvaltningen" }).click();
    await page.getByRole("button", { name: "Visa underenheter till Grundskola" }).click();
    await page.getByRole("link", { name: "Ekbackens skola" }).click();
    await page.getByRole("heading", { level: 1, name: "Ekbackens skola" }).waitFor();
    expect(await page.getByRole("link", { name: "Karin Lindqvist" }).isVisible()).toBe(true);
    expect(await page.getByRole("navigation", { name: "Var i styrkedjan" }).textContent()).toContain(
      "Barn- och utbildningsnämnden",
    );

    await page.goto("/enheter");
    await page.getByLabel("Sök enhet").fill("solgård");
    await page.getByRole("link", { name: "Solgårdens äldreboende" }).click();
    await page.getByRole("heading", { level: 1, name: "Solgårdens äldreboende" }).waitFor();
  });

  it("previews and runs an import with progress, and the new unit appears in the tree", async () => {
    await page.goto("/admin/import");
    await page.getByLabel("Enhetsfil (CSV)").setInputFiles({
      name: "enheter.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("kod;namn;överordnad_kod;typ\nGR-TA;Tallbackens skola;GR;enhet\n"),
    });
    await page.getByLabel("Personfil (CSV)").setInputFiles({
      name: "personer.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        "anställningsnummer;namn;e-post;enhetskod;roll\n90001;Tove Lind;tove.lind@exempelkommun.se;GR-TA;chef\n90002;Arvid Nord;arvid.nord@exempelkommun.se;GR-TA;medarbetare\n",
      ),
    });
    await page.getByRole("button", { name: "Förhandsgranska" }).click();
    const preview = page.getByRole("table", { name: "Detta händer om du genomför importen" });
    await preview.waitFor();
    expect(await preview.getByRole("row", { name: /Enheter/ }).textContent()).toMatch(/^Enheter1/);
    expect(await preview.getByRole("row", { name: /Personer/ }).textContent()).toMatch(/^Personer2/);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Genomför import" }).click();
    await page.getByRole("progressbar", { name: "Importens förlopp" }).waitFor();
    await page.getByText("Importen är klar.").waitFor({ timeout: 30_000 });
    expect(await page.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("100");

    await page.goto("/enheter");
    await page.getByLabel("Sök enhet").fill("Tallbacken");
    await page.getByRole("link", { name: "Tallbackens skola" }).click();
    await page.getByRole("link", { name: "Tove Lind" }).waitFor();
  });

  it("names the bad lines of a broken file and saves nothing", async () => {
    await page.goto("/admin/import");
    await page.getByLabel("Enhetsfil (CSV)").setInputFiles({
      name: "fel.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        "kod;namn;överordnad_kod;typ\nX1;Bra enhet;GR;enhet\nX2;;GR;enhet\nX3;Föräldralös;SAKNAS;enhet\n",
      ),
    });
    await page.getByRole("button", { name: "Förhandsgranska" }).click();
    const errors = page.getByRole("alert");
    await errors.waitFor();
    const text = await errors.textContent();
    expect(text).toContain("rad 3");
    expect(text).toContain("rad 4");
    expect(text).not.toContain("rad 2:");
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await page.getByRole("button", { name: "Genomför import" }).count()).toBe(0);
  });

  it("switches to English and back", async () => {
    await page.goto("/");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 1, name: "My unit" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await page.getByRole("link", { name: "Units" }).click();
    await page.getByRole("heading", { level: 1, name: "Units" }).waitFor();
    await page.getByRole("button", { name: "Svenska" }).click();
    await page.getByRole("heading", { level: 1, name: "Enheter" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("sv");
  });

  it("can be used with the keyboard alone", async () => {
    const keys = await newPage(harness, { height: 720 });
    await keys.goto("/logga-in");
    await keys.getByRole("heading", { level: 1, name: "Logga in" }).waitFor();
    await keys.keyboard.press("Tab"); // the skip link comes first
    expect(await keys.evaluate(() => document.activeElement?.textContent)).toBe("Hoppa till innehållet");
    await keys.keyboard.press("Enter"); // …and moves focus past the header to the content
    expect(await keys.evaluate(() => document.activeElement?.id)).toBe("main");
    await tabTo(keys.getByLabel("E-postadress"), 60);
    await keys.keyboard.type("chef@exempelkommun.se");
    await keys.keyboard.press("Tab");
    await keys.keyboard.type("tillit-demo");
    await keys.keyboard.press("Enter");
    await keys.getByRole("heading", { level: 1, name: "Min enhet" }).waitFor();
    // A manager is not an administrator: no admin links.
    expect(await keys.getByRole("link", { name: "Import" }).count()).toBe(0);

    // The manager's view of the tree starts at her school, opened.
    await keys.goto("/enheter");
    const toggle = keys.getByRole("button", { name: /underenheter till Ekbackens skola/ });
    await tabTo(toggle, 60);
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await keys.keyboard.press("Enter");
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await keys.getByRole("link", { name: "Arbetslag F–3" }).count()).toBe(0);
    await keys.keyboard.press("Space");
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await keys.keyboard.press("Tab");
    await keys.keyboard.press("Enter");
    await keys.getByRole("heading", { level: 1, name: "Ekbackens skola" }).waitFor();
    expect(await keys.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    await keys.context().close();
  });

  // One test per width, so that each stays well inside its time on a loaded machine.
  for (const width of [1280, 360])
    it(`has no accessibility violations on any page at ${width} px, and never scrolls sideways`, async () => {
      const unitHref = await (async () => {
        await page.goto("/enheter");
        await page.getByLabel("Sök enhet").fill("Ekbackens");
        return page.getByRole("link", { name: "Ekbackens skola" }).getAttribute("href");
      })();
      await page.goto(unitHref as string);
      const personHref = await page.getByRole("link", { name: "Karin Lindqvist" }).getAttribute("href");
      const signedIn = [
        "/",
        "/enheter",
        unitHref as string,
        "/personer",
        personHref as string,
        "/konto",
        "/admin/import",
        "/admin/granskningslogg",
        "/admin/utkorg",
        "/admin/jobb",
        "/admin/inloggning",
        "/tillganglighet",
        "/sidan-finns-inte",
      ];
      const anonymous = ["/logga-in", "/glomt-losenord", "/konto/ogiltig-lank", "/tillganglighet"];
      const failures: string[] = [];
      await page.setViewportSize({ width, height: 800 });
      for (const path of signedIn) failures.push(...(await check(page, path)));
      const guest = await newPage(harness, { width, height: 800 });
      for (const path of anonymous) failures.push(...(await check(guest, path)));
      await guest.context().close();
      expect(failures).toEqual([]);
    });

  it("logs out", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/");
    await page.getByRole("button", { name: "Logga ut" }).click();
    await page.waitForURL(/\/logga-in/);
    await page.goto("/personer");
    await page.waitForURL(/\/logga-in/);
  });
});
