// The trust barometer in the browser: a director starts a round (the estimate follows the chosen
// questions, the server refuses a thirteenth), an employee answers it with the keyboard alone and
// cannot answer twice, the team sees its results first with every chart beside its table, the
// heatmap says where and why figures are hidden, the team notes its discussion and creates an
// action in the follow-up module — and axe finds nothing on any barometer page, wide or 360 px.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accessibilityViolations,
  apiGet,
  callApi,
  check,
  type Harness,
  hasChromium,
  signIn,
  startHarness,
  tabTo,
  type Unit,
  unitId,
} from "./harness.ts";

let harness: Harness;

type Round = {
  id: string;
  title: string;
  unitName: string;
  phase: string;
  closedAt: string | null;
  invited: boolean;
  answered: boolean;
};
type Figures = { itemId: string; n: number; mean: number | null; distribution: number[]; dontKnow: number };
type ItemResult = Figures | { itemId: string; suppressed: true; reason: string };
type Overview = {
  unit: { id: string; name: string };
  participation:
    | { respondents: number; invited: number; rate: number }
    | { suppressed: true; reason: string };
  items: ItemResult[];
  comments: { itemId: string; body: string }[] | null;
};
type Heatmap = {
  principles: string[];
  rows: {
    unitId: string;
    name: string;
    cells: ({ theme: string; mean: number | null } | { theme: string; suppressed: true; reason: string })[];
  }[];
};

/** Means as the pages show them: sv-SE, always one decimal. */
const mean = (value: number) =>
  new Intl.NumberFormat("sv-SE", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);

const focusedName = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null;
    return element
      ? `${element.tagName}:${element.type ?? ""}:${element.name ?? ""}:${element.value ?? ""}`
      : "";
  });

describe.skipIf(!hasChromium)("the trust barometer in the browser", () => {
  let director: Page;
  let employee: Page;
  let admin: Page;
  /** The demo's closed autumn round of the education board. */
  let autumn: Round;
  /** The round the director starts in the first test. */
  let started: Round;
  const title = "E2E: Pulsmätning före jul";

  beforeAll(async () => {
    harness = await startHarness();
    director = await signIn(harness, "direktor");
    employee = await signIn(harness, "medarbetare");
    admin = await signIn(harness, "admin");
    const rounds = await apiGet<Round[]>(employee, "/api/barometer/rounds");
    const found = rounds.find(
      (round) => round.closedAt && round.title.includes("hösten") && round.unitName.includes("utbildning"),
    );
    if (!found) throw new Error("The demo's closed autumn round of the education board is missing");
    autumn = found;
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("starts a round: the estimate follows the chosen questions, and more than 12 are refused", async () => {
    const page = director;
    await page.goto("/tillitsbarometern/ny");
    await page.getByRole("heading", { level: 1, name: "Starta en omgång" }).waitFor();
    await page.getByLabel("Namn på omgången").fill(title);
    expect(await page.getByLabel("Vilka ska svara?").locator("option:checked").textContent()).toContain(
      "Utbildningsförvaltningen",
    );
    // The suggestion: one question per principle, safety, hours and the open question.
    const tally = page.locator(".tally").first();
    expect(await tally.textContent()).toContain("10 frågor valda av högst 12.");
    expect(await tally.textContent()).toContain("Tar cirka 2 min 30 s att besvara.");
    // The live region tells a screen reader as the count changes.
    expect(await tally.getAttribute("aria-live")).toBe("polite");

    for (const question of [
      "Jag litar på att ledningen fattar beslut med verksamhetens bästa för ögonen.",
      "Det vi följer upp säger något om hur medborgarna har det.",
      "Jag förstår hur mitt arbete hänger ihop med andras.",
    ])
      await page.getByLabel(question).check();
    await expect.poll(() => tally.textContent()).toContain("13 frågor valda av högst 12.");
    expect(await tally.textContent()).toContain("Tar cirka 3 minuter att besvara.");
    expect(await tally.textContent()).toContain("Det är fler än 12 frågor");

    // The server has the last word: nothing is created, and its reason is shown.
    const before = (await apiGet<Round[]>(page, "/api/barometer/rounds")).length;
    await page.getByRole("button", { name: "Starta omgången" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("Högst 12 frågor");
    expect((await apiGet<Round[]>(page, "/api/barometer/rounds")).length).toBe(before);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Använd förslaget (en fråga per princip)" }).click();
    await expect.poll(() => tally.textContent()).toContain("10 frågor valda av högst 12.");
    await page.getByRole("button", { name: "Starta omgången" }).click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    const rounds = await apiGet<Round[]>(page, "/api/barometer/rounds");
    started = rounds.find((round) => round.title === title) as Round;
    expect(started).toMatchObject({ phase: "open", unitName: "Utbildningsförvaltningen" });
    expect(await page.locator(".round-facts").textContent()).toContain("10 frågor, tar cirka 2 min 30 s");
  });

  it("answers a round with the keyboard alone, is told what is missing, and cannot answer twice", async () => {
    const page = employee;
    await page.goto("/");
    // The start page says there is an open pulse survey, and leads to it.
    const notice = page.getByRole("region", { name: /pulsmätning/ });
    await notice.waitFor();
    const link = notice.getByRole("link", { name: `Svara på ${title}` });
    await tabTo(link);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    const anonymity = page.getByRole("region", { name: "Ditt svar är anonymt" });
    expect(await anonymity.textContent()).toContain("inte ens en administratör");
    expect(await anonymity.textContent()).toContain("minst 5 svarande");

    // Every question is a group named by its legend, with 1–5 and "Vet inte".
    const groups = page.getByRole("group");
    const first = page.getByRole("group", { name: /Fråga 1 av 10.*Min närmaste chef litar på/ });
    expect(await first.getByRole("radio").count()).toBe(6);
    expect(await first.getByRole("radio", { name: "1 Instämmer inte alls" }).count()).toBe(1);
    expect(await first.getByRole("radio", { name: "Vet inte" }).count()).toBe(1);
    expect(await groups.count()).toBe(9);
    expect(await accessibilityViolations(page)).toEqual([]);

    // Into question 1: Tab lands on its first step; arrows choose within the question.
    await page.keyboard.press("Tab");
    expect(await focusedName(page)).toMatch(/^INPUT:radio:.*:1$/);
    await page.keyboard.press("ArrowRight"); // 2
    await page.keyboard.press("ArrowRight"); // 3
    await page.keyboard.press("ArrowRight"); // 4
    expect(await first.getByRole("radio", { name: "4 Instämmer till stor del" }).isChecked()).toBe(true);
    // Question 2 is passed over with Tab (left unanswered on purpose); question 3 gets "Vet inte".
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowLeft"); // wraps from 1 to the last choice, "Vet inte"
    const third = page.getByRole("group", { name: /Fråga 3 av 10/ });
    expect(await third.getByRole("radio", { name: "Vet inte" }).isChecked()).toBe(true);
    // Questions 4–9: Space picks the focused first step, then one arrow makes it a 2.
    for (let question = 4; question <= 9; question++) {
      await page.keyboard.press("Tab");
      await page.keyboard.press("Space");
      await page.keyboard.press("ArrowDown");
    }
    const sixth = page.getByRole("group", { name: /Fråga 6 av 10/ });
    expect(await sixth.getByRole("radio", { name: /^2 / }).isChecked()).toBe(true);
    // The open question is a textarea labelled by the question.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
    await page.keyboard.type("Färre blanketter och mer tid med eleverna.");
    expect(await page.getByLabel(/Fråga 10 av 10/).inputValue()).toContain("Färre blanketter");
    expect(await page.getByText("Du har besvarat 9 av 10 frågor.").count()).toBe(1);

    // Sending with question 2 unanswered: a summary gets focus and links to the question.
    const submit = page.getByRole("button", { name: "Skicka mina svar" });
    await tabTo(submit);
    await page.keyboard.press("Enter");
    const summary = page.getByRole("alert");
    await summary.waitFor();
    expect(await summary.textContent()).toContain("1 fråga saknar svar");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("alert");
    const second = page.getByRole("group", { name: /Fråga 2 av 10/ });
    expect(await second.getAttribute("aria-describedby")).toBeTruthy();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter"); // the link moves focus to question 2
    expect(await focusedName(page)).toMatch(/^INPUT:radio:.*:1$/);
    await page.keyboard.press("Space");
    expect(await second.getByRole("radio", { name: /^1 / }).isChecked()).toBe(true);

    await tabTo(submit);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Tack för dina svar" }).waitFor();
    expect(await page.getByText("kan inte svara igen").count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);

    // Answered once: the server says so, and a second answer is refused with nothing written.
    const round = await apiGet<Round>(page, `/api/barometer/rounds/${started.id}`);
    expect(round.answered).toBe(true);
    const again = await callApi(page, "POST", `/api/barometer/rounds/${started.id}/responses`, {
      answers: [{ itemId: "tillit.1", value: 5 }],
    });
    expect(again.status).toBe(409);
    await page.reload();
    await page.getByText("Du har svarat i den här omgången och kan inte svara igen.").waitFor();
    expect(await page.getByRole("button", { name: "Skicka mina svar" }).count()).toBe(0);
    // …and the start page no longer asks about it.
    await page.goto("/");
    await page.getByRole("heading", { level: 1, name: "Min enhet" }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(await page.getByRole("link", { name: `Svara på ${title}` }).count()).toBe(0);
  });

  it("lets its owner close the round; with one answer every figure is hidden, saying why", async () => {
    const page = director;
    await page.goto(`/tillitsbarometern/${started.id}`);
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await page.getByRole("button", { name: "Stäng omgången nu" }).click();
    await page.getByRole("button", { name: "Ja, stäng omgången" }).click();
    await page.getByRole("link", { name: "Se resultaten" }).click();
    await page.getByRole("heading", { level: 1, name: "Resultat för Utbildningsförvaltningen" }).waitFor();
    await page.waitForLoadState("networkidle");
    const participation = page.locator(".hidden-figure").first();
    expect(await participation.textContent()).toBe(
      "Dolt – för få svar för att skydda de svarandes anonymitet.",
    );
    const means = page.getByRole("table", { name: /Medelvärde per fråga för Utbildningsförvaltningen/ });
    expect(await means.locator(".hidden-figure").count()).toBe(9);
    expect(await means.locator(".hidden-figure").first().textContent()).toMatch(/^Dolt – /);
    // No number leaks: the answer 4 to the first question is nowhere on the page.
    expect(await means.locator("td").filter({ hasText: /^\d/ }).count()).toBe(0);
    expect(await page.getByText("Fritextsvar visas bara för grupper med minst 10 svarande").count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it("shows the team its results first, every chart with its table, and the figures the server gave", async () => {
    const page = employee;
    await page.goto(`/tillitsbarometern/${autumn.id}/resultat`);
    // The employee's own school, not the whole board, comes first.
    await page.getByRole("heading", { level: 1, name: "Resultat för Ekbackens skola" }).waitFor();
    await page.waitForLoadState("networkidle");
    await page.locator(".chart svg").first().waitFor();
    const overview = await apiGet<Overview>(
      page,
      `/api/barometer/rounds/${autumn.id}/overview?unitId=${await unitIdOf(page, "Ekbackens skola")}`,
    );
    expect(overview.unit.name).toBe("Ekbackens skola");

    // Every chart is drawn beside a table with the same data.
    const blocks = page.locator(".chart-block");
    expect(await blocks.count()).toBeGreaterThanOrEqual(3);
    for (let index = 0; index < (await blocks.count()); index++) {
      const block = blocks.nth(index);
      expect(await block.locator(".chart").getAttribute("aria-hidden")).toBe("true");
      expect(await block.getByRole("table").count()).toBe(1);
    }
    for (const heading of ["Medelvärde per fråga", "Hur svaren fördelar sig", "Utveckling över tid"])
      expect(await page.getByRole("heading", { level: 2, name: heading }).count()).toBe(1);

    // The numbers are the server's.
    if (!("respondents" in overview.participation)) throw new Error("Ekbacken's participation is hidden");
    const stats = page.locator(".stats");
    expect(await stats.textContent()).toContain(`Svarande${overview.participation.respondents}`);
    const means = page.getByRole("table", { name: /Medelvärde per fråga för Ekbackens skola/ });
    const firstResult = overview.items[0] as Figures;
    const firstRow = means.getByRole("row", { name: /^1\. Min närmaste chef/ });
    expect(await firstRow.locator("td").nth(0).textContent()).toBe(String(firstResult.n));
    expect(await firstRow.locator("td").nth(1).textContent()).toBe(mean(firstResult.mean as number));
    // Comparison with the level above and the whole round.
    expect(await means.locator("thead").textContent()).toContain("Grundskola");
    expect(await means.locator("thead").textContent()).toContain("Barn- och utbildningsnämnden");
    const trend = page.getByRole("table", { name: /omgångar som gällt Ekbackens skola/ });
    expect(await trend.locator("thead th").count()).toBe(3);

    // Comments: Ekbacken is large enough; they are listed, and the gap section says why it is empty.
    expect(overview.comments?.length).toBeGreaterThan(0);
    const comments = page.getByRole("region", { name: "Fritextsvar" });
    expect(await comments.locator("li").count()).toBe(overview.comments?.length);
    expect(await page.getByText("Ingen jämförelse kan visas här").count()).toBe(1);

    // The export is a link to the aggregated CSV.
    const exportLink = page.getByRole("link", { name: "Ladda ner resultaten (CSV)" });
    const href = (await exportLink.getAttribute("href")) as string;
    const csv = await page.request.get(href);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(await csv.text()).toContain("Enhet;Grupp;Fråga");
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it("notes the team's discussion and creates an action addressed upward in the follow-up", async () => {
    const page = employee;
    await page.goto(`/tillitsbarometern/${autumn.id}/resultat`);
    await page.getByRole("heading", { level: 1, name: "Resultat för Ekbackens skola" }).waitFor();
    await page.getByLabel("Vad pratade ni om?").fill("Vi pratade om handlingsutrymmet på APT.");
    await page.getByRole("button", { name: "Spara anteckningen" }).click();
    await page.getByText("Anteckningen är sparad.").waitFor();
    await page.getByText("Vi pratade om handlingsutrymmet på APT.").waitFor();

    await page.getByLabel("Vad ska göras?").fill("E2E: Färre rapporter om frånvaro");
    await page.getByRole("radio", { name: /Förvaltningen/ }).check();
    await page.getByRole("button", { name: "Skapa åtgärden" }).click();
    await page.getByText("Åtgärden är skapad i uppföljningen för Ekbackens skola").waitFor();
    const school = await unitIdOf(page, "Ekbackens skola");
    const actions = await apiGet<{ items: { title: string; addressee: string; unitId: string }[] }>(
      page,
      `/api/followup/actions?unitId=${school}`,
    );
    const created = actions.items.find((action) => action.title === "E2E: Färre rapporter om frånvaro");
    expect(created).toMatchObject({ addressee: "administration", unitId: school });
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it("shows the heatmap as a table of numbers, hidden cells saying Dolt and why", async () => {
    const page = director;
    const preschool = await unitIdOf(page, "Förskola");
    const data = await apiGet<Heatmap>(
      page,
      `/api/barometer/rounds/${autumn.id}/heatmap?unitId=${preschool}`,
    );
    await page.goto(`/tillitsbarometern/${autumn.id}/karta?enhet=${preschool}`);
    await page.getByRole("heading", { level: 1, name: "Karta: Förskola" }).waitFor();
    const table = page.getByRole("table", {
      name: "Medelvärde per vägledande princip och enhet (skala 1–5)",
    });
    expect(await table.locator("thead th").count()).toBe(data.principles.length + 1);
    expect(await table.locator("tbody tr").count()).toBe(data.rows.length);

    const hidden = data.rows.flatMap((row) => row.cells.filter((cell) => "suppressed" in cell));
    expect(hidden.length).toBeGreaterThan(0);
    expect(await table.locator("td.heat-hidden").count()).toBe(hidden.length);
    // The reason is in the cell for a screen reader, and under the table in words for everyone.
    const firstHidden = hidden[0] as { reason: string };
    expect(await table.locator("td.heat-hidden").first().textContent()).toContain(firstHidden.reason);
    expect(await page.locator(".heat-reasons").textContent()).toContain(
      firstHidden.reason.replace("Döljs: ", ""),
    );
    // Every shown cell carries its number, as the server computed it.
    for (const [rowIndex, row] of data.rows.entries())
      for (const [cellIndex, cell] of row.cells.entries())
        if ("mean" in cell && cell.mean !== null)
          expect(
            await table.locator("tbody tr").nth(rowIndex).locator("td").nth(cellIndex).textContent(),
          ).toBe(mean(cell.mean));
    expect(await page.locator(".heat-summary").textContent()).toMatch(/är .+ högst \(\d,\d\)/);
    expect(await accessibilityViolations(page)).toEqual([]);

    // Down one level, and on to a unit's own results.
    await page.getByRole("link", { name: "Visa enheterna under Solrosens förskola" }).click();
    await page.getByRole("heading", { level: 1, name: "Karta: Solrosens förskola" }).waitFor();
    await page.getByRole("link", { name: "Alla resultat för Solrosens förskola" }).click();
    await page.getByRole("heading", { level: 1, name: "Resultat för Solrosens förskola" }).waitFor();
  });

  it("keeps a unit's results from the chain above during the embargo, and says so kindly", async () => {
    // The administrator tries a longer embargo.
    await admin.goto("/tillitsbarometern/installningar");
    await admin.getByRole("heading", { level: 1, name: "Inställningar för tillitsbarometern" }).waitFor();
    await admin.getByLabel("Dagar då bara teamet ser sina resultat").fill("61");
    await admin.getByRole("button", { name: "Spara inställningarna" }).click();
    await admin.getByText("Ange ett heltal från 0 till 60.").waitFor();
    await admin.getByLabel("Dagar då bara teamet ser sina resultat").fill("60");
    await admin.getByRole("button", { name: "Spara inställningarna" }).click();
    await admin.getByText("Inställningarna är sparade.", { exact: false }).waitFor();
    // The round started above was closed by its owner under the embargo of that moment (7 days);
    // the longer one applies to rounds that close from now on.

    const ekbacken = await unitIdOf(director, "Ekbackens skola");
    await director.goto(`/tillitsbarometern/${started.id}/resultat?enhet=${ekbacken}`);
    await director.getByRole("heading", { level: 2, name: "Teamet ser resultaten först" }).waitFor();
    expect(await director.getByText(/karenstiden har gått ut/).count()).toBe(1);
    expect(await accessibilityViolations(director)).toEqual([]);
    // The team itself still sees them, with the embargo explained.
    await employee.goto(`/tillitsbarometern/${started.id}/resultat`);
    await employee
      .getByText(/Teamet först: till och med .* ser bara de som arbetar i Ekbackens skola/)
      .waitFor();

    const reset = await callApi(admin, "PATCH", "/api/barometer/settings", { embargoDays: 7 });
    expect(reset.status).toBe(200);
  });

  /** Every barometer page, as the people who use it; the demo's open round's answer form if the manager has not answered. */
  async function barometerPages(): Promise<[Page, string][]> {
    const preschool = await unitIdOf(director, "Förskola");
    const pages: [Page, string][] = [
      [employee, "/"],
      [employee, "/tillitsbarometern"],
      [employee, `/tillitsbarometern/${started.id}`],
      [employee, `/tillitsbarometern/${autumn.id}/resultat`],
      [employee, `/tillitsbarometern/${autumn.id}/karta`],
      [director, "/tillitsbarometern/ny"],
      [director, `/tillitsbarometern/${autumn.id}`],
      [director, `/tillitsbarometern/${autumn.id}/resultat?enhet=${preschool}`],
      [director, `/tillitsbarometern/${autumn.id}/karta?enhet=${preschool}`],
      [admin, "/tillitsbarometern/installningar"],
    ];
    const manager = await signIn(harness, "chef");
    const open = (await apiGet<Round[]>(manager, "/api/barometer/rounds")).find(
      (round) => round.phase === "open" && round.invited && !round.answered,
    );
    if (open) pages.push([manager, `/tillitsbarometern/${open.id}`]);
    return pages;
  }

  // One test per width, so that each stays well inside its time on a loaded machine.
  for (const width of [1280, 360])
    it(`has no accessibility violations on any barometer page at ${width} px, and never scrolls sideways`, async () => {
      const failures: string[] = [];
      for (const [page, path] of await barometerPages()) {
        await page.setViewportSize({ width, height: 900 });
        failures.push(...(await check(page, path)));
      }
      expect(failures).toEqual([]);
    });
});

async function unitIdOf(page: Page, name: string): Promise<string> {
  return unitId(await apiGet<Unit[]>(page, "/api/units?all=true"), name);
}
