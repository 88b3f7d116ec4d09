// The follow-up inventory in the browser: what lands on a manager's unit, the burden dashboard,
// the consequence-analysis flow from proposal to decision, the staff's own time estimate, and
// retirement — each page checked with axe, wide and 360 px narrow.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accessibilityViolations,
  apiGet,
  apiPost,
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

/** Numbers as the pages show them: sv-SE, one decimal below ten. */
const shown = (value: number) =>
  new Intl.NumberFormat("sv-SE", { maximumFractionDigits: Math.abs(value) < 10 ? 1 : 0 }).format(value);

describe.skipIf(!hasChromium)("the follow-up inventory in the browser", () => {
  let analyst: Page;
  let units: Unit[];
  /** A demand in force on the whole compulsory-school area: lands on Ekbackens skola from above. */
  let weekly: { id: string; title: string };
  let draftId: string;

  beforeAll(async () => {
    harness = await startHarness();
    analyst = await signIn(harness, "analytiker");
    units = await apiGet<Unit[]>(analyst, "/api/units?all=true");
    weekly = await apiPost(analyst, "/api/inventory/demands", {
      code: "E2E-1",
      title: "E2E: Veckorapport om frånvaro",
      kind: "report",
      purpose: "accountability",
      requester: { unitId: unitId(units, "Barn- och utbildningsnämnden") },
      reporters: { roles: ["manager", "employee"], unitIds: [unitId(units, "Grundskola")] },
      frequencyPerYear: 52,
      minutesPerOccurrence: 15,
      dataFields: ["frånvaro per elev"],
      decisionsInformed: "Nämndens beslut om elevhälsans resurser",
      trust: { purpose_learning: "traditional", good_examples: "traditional", continuous: "both" },
      existing: true,
    });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("shows a first-line manager every demand that lands on her unit, with hours per month and who asks", async () => {
    const manager = await signIn(harness, "chef");
    await manager.getByRole("link", { name: "Uppföljningsinventering" }).click();
    await manager.getByRole("heading", { level: 1, name: "Uppföljningsinventering" }).waitFor();
    await manager.getByRole("link", { name: "Vad landar på min enhet" }).click();
    await manager.getByRole("heading", { level: 1, name: "Vad landar på min enhet" }).waitFor();
    await manager.getByRole("heading", { level: 2, name: "Ekbackens skola" }).waitFor();

    const ekbacken = unitId(units, "Ekbackens skola");
    const expected = await apiGet<{ demands: { id: string; hoursPerMonth: number }[] }>(
      manager,
      `/api/inventory/demands?unitId=${ekbacken}`,
    );
    const mine = expected.demands.find((demand) => demand.id === weekly.id);
    expect(mine?.hoursPerMonth).toBeGreaterThan(0);

    const table = manager.getByRole("table", { name: "Krav som landar på Ekbackens skola" });
    const row = table.getByRole("row", { name: /E2E: Veckorapport om frånvaro/ });
    await row.waitFor();
    const cells = await row.getByRole("cell").allTextContents();
    expect(cells[0]).toBe(shown(mine?.hoursPerMonth ?? 0));
    expect(cells[1]).toBe("Barn- och utbildningsnämnden");
    expect(cells[2]).toContain("Nämndens beslut om elevhälsans resurser");
    expect(cells[2]).toContain("Ingen registrerad användning");
    // Who asks: a chart for the eye, the table for everyone.
    await manager.getByRole("table", { name: /per beställare/ }).waitFor();
    await expect.poll(() => manager.locator(".chart[aria-hidden='true'] svg").count()).toBeGreaterThan(0);
    expect(await accessibilityViolations(manager)).toEqual([]);
  });

  it("shows the burden dashboard as charts with tables, totals, per employee and the trust profile", async () => {
    await analyst.goto("/inventering/belastning");
    await analyst.getByRole("heading", { level: 1, name: "Uppföljningens belastning" }).waitFor();
    const burden = await apiGet<{ totalHours: number; totalCost: number }>(
      analyst,
      "/api/inventory/burden?groupBy=role",
    );
    const summary = analyst.getByRole("region", { name: /Sammanlagt/ });
    await expect.poll(() => summary.textContent()).toContain(`${shown(burden.totalHours)} h`);
    expect(await summary.textContent()).toContain("Andel av arbetstiden");

    for (const caption of [
      "Belastning per enhet, per år",
      "Belastning per roll, per år",
      "Belastning per beställare, per år",
      "Belastning per syfte, per år",
      "Belastning per typ av krav, per år",
    ]) {
      const table = analyst.getByRole("table", { name: caption });
      await table.waitFor();
      expect(await table.getByRole("row", { name: /^Totalt/ }).textContent()).toContain(
        shown(burden.totalHours),
      );
    }
    const roles = analyst.getByRole("table", { name: "Belastning per roll, per år" });
    expect(await roles.getByRole("rowheader", { name: "Chef" }).count()).toBe(1);
    expect(await roles.getByRole("rowheader", { name: "Medarbetare" }).count()).toBe(1);
    await expect
      .poll(() =>
        analyst.locator(".chart[aria-hidden='true'] svg rect, .chart[aria-hidden='true'] svg path").count(),
      )
      .toBeGreaterThan(5);

    const profile = analyst.getByRole("table", { name: /Andel av uppföljningstimmarna per princip/ });
    await profile.waitFor();
    expect(await profile.getByRole("row").count()).toBe(8);
    expect(await analyst.getByText(/av uppföljningstimmarna tjänar enbart ansvarsutkrävande/).count()).toBe(
      1,
    );
    await analyst.getByRole("heading", { name: "Tid som återgått till kärnverksamheten" }).waitFor();
    await analyst.getByRole("heading", { name: "Krav att se över" }).waitFor();

    // Drilling down: a unit of the split opens the same dashboard for that unit.
    await analyst
      .getByRole("table", { name: "Belastning per enhet, per år" })
      .getByRole("link", { name: "Barn- och utbildningsnämnden" })
      .click();
    await analyst
      .getByRole("heading", { level: 2, name: "Sammanlagt: Barn- och utbildningsnämnden" })
      .waitFor();
    expect(await analyst.getByLabel("Visa för").inputValue()).toBe(
      unitId(units, "Barn- och utbildningsnämnden"),
    );
    expect(await accessibilityViolations(analyst)).toEqual([]);
  });

  it("takes a new demand from proposal through consultation to a decision, and refuses to skip the analysis", async () => {
    const page = analyst;
    await page.goto("/inventering");
    await page.getByRole("link", { name: "Nytt krav" }).click();
    await page.getByRole("heading", { level: 1, name: "Nytt uppföljningskrav" }).waitFor();

    // Sending it empty names what is missing, and nothing is saved.
    await page.getByRole("button", { name: "Föreslå kravet" }).click();
    const errors = page.getByRole("alert");
    await errors.waitFor();
    expect(await errors.textContent()).toContain("Skriv en rubrik.");
    expect(await page.getByLabel("Rubrik").getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("Rubrik").fill("E2E: Enkät om arbetsmiljön varje tertial");
    await page.getByLabel("Typ", { exact: true }).selectOption("survey");
    await page.getByLabel("Syfte", { exact: true }).selectOption("learning");
    await page.getByLabel("Enhet som begär").selectOption(unitId(units, "Utbildningsförvaltningen"));
    await page.getByRole("group", { name: "Roller som rapporterar" }).getByLabel("Medarbetare").check();
    await page.getByLabel("Lägg till enhet").selectOption(unitId(units, "Ekbackens skola"));
    await page.getByRole("button", { name: "Lägg till", exact: true }).click();
    await page.getByRole("button", { name: "Ta bort Ekbackens skola" }).waitFor();
    await page.getByLabel("Gånger per år").fill("3");
    await page.getByLabel("Minuter per tillfälle och rapportör").fill("20");
    await page.getByLabel("Uppgifter som samlas in").fill("upplevd arbetsbelastning\nstöd från chef");
    await page.getByRole("group", { name: "1. Syfte: lärande" }).getByLabel("Tillitsbaserad").check();
    expect(await page.getByLabel("Kravet gäller redan (registreras i inventeringen)").isChecked()).toBe(
      false,
    );
    await page.getByRole("button", { name: "Föreslå kravet" }).click();

    await page.getByRole("heading", { level: 1, name: "E2E: Enkät om arbetsmiljön varje tertial" }).waitFor();
    draftId = page.url().split("/").at(-1) as string;
    expect(await page.locator(".demand-meta").textContent()).toContain("Förslag");

    // The gate: making it take effect without a decided analysis is refused, with the reason.
    await page.getByRole("button", { name: "Låt kravet börja gälla nu" }).click();
    const refusal = page.getByRole("alert");
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(
      "Kravet kan inte börja gälla utan en beslutad kontext- och konsekvensanalys",
    );
    expect(await accessibilityViolations(page)).toEqual([]);

    // The analyst drafts the analysis and puts it to consultation.
    const answers: [string, string][] = [
      ["Syfte och användare", "Arbetsmiljöarbetet på skolorna; rektorerna och skyddsombuden."],
      ["Beslut som underlaget ska ge stöd för", "Prioritering av arbetsmiljöåtgärder per skola."],
      ["Risk för målförskjutning och glidning", "Liten: resultaten jämförs inte mellan skolor."],
      ["Påverkan på professionens handlingsutrymme", "Ingen; enkäten är frivillig och anonym."],
      [
        "Värde för medborgaren",
        "Bättre arbetsmiljö ger lägre personalomsättning och kontinuitet för eleverna.",
      ],
      ["Alternativ", "Medarbetarsamtal och skyddsronder, men de fångar inte helheten."],
    ];
    for (const [label, text] of answers) await page.getByLabel(label).fill(text);
    await page.getByRole("button", { name: "Skicka på samråd" }).click();
    await expect.poll(() => page.locator(".analysis-status").textContent()).toContain("På samråd");

    // An employee comments during the consultation.
    const employee = await signIn(harness, "medarbetare");
    await employee.goto(`/inventering/krav/${draftId}`);
    await employee.getByRole("heading", { name: "Synpunkter från samrådet (0)" }).waitFor();
    expect(await employee.getByRole("button", { name: "Skicka på samråd" }).count()).toBe(0);
    await employee
      .getByLabel("Din synpunkt")
      .fill("Tre gånger per år är för ofta – en gång räcker om vi får återkoppling.");
    await employee.getByRole("button", { name: "Skicka synpunkt" }).click();
    await employee.getByRole("heading", { name: "Synpunkter från samrådet (1)" }).waitFor();
    expect(await employee.locator(".comments").textContent()).toContain("Johan Ekström");
    expect(await accessibilityViolations(employee)).toEqual([]);

    // The director adopts it with a reason; the demand takes effect.
    const director = await signIn(harness, "direktor");
    await director.goto(`/inventering/krav/${draftId}`);
    await director.getByRole("heading", { name: "Beslut om kravet" }).waitFor();
    expect(await director.locator(".comments").textContent()).toContain("en gång räcker");
    // Deciding without a reason is stopped in the form.
    await director.getByLabel("Anta analysen – kravet börjar gälla").check();
    await director.getByRole("button", { name: "Fatta beslut" }).click();
    await director.getByText("Skriv en motivering till beslutet.").waitFor();
    await director.getByLabel("Motivering").fill("Antas, men med en enkät per år efter samrådet.");
    await director.getByRole("button", { name: "Fatta beslut" }).click();
    await director.getByText(/Antogs av Anders Håkansson/).waitFor();
    expect(await director.locator(".demand-meta").textContent()).toContain("Gäller");
    expect(await director.getByText("Antas, men med en enkät per år efter samrådet.").count()).toBe(1);
    expect(await accessibilityViolations(director)).toEqual([]);
  });

  it("asks a reporter how long a demand takes, in two clicks, and the median replaces the analyst's guess", async () => {
    const employee = await signIn(harness, "medarbetare");
    const prompt = employee.getByRole("region", { name: "Hur lång tid tar uppföljningen för dig?" });
    await prompt.waitFor();
    const item = prompt.getByRole("listitem").filter({ hasText: weekly.title });
    if (!(await item.count())) await prompt.getByRole("button", { name: /Visa \d+ krav till/ }).click();
    const group = item.getByRole("group", { name: `Hur lång tid tar ”${weekly.title}” dig varje gång?` });
    await group.getByLabel("30 min").check();
    await item.getByRole("button", { name: "Spara" }).click();
    await item.getByText("Tack! Du svarade 30 min. Medianen av 1 svar är nu 30 min.").waitFor();
    expect(await accessibilityViolations(employee)).toEqual([]);

    await employee.goto(`/inventering/krav/${weekly.id}`);
    await employee.getByRole("heading", { level: 1, name: weekly.title }).waitFor();
    expect(await employee.getByText("Tiden är personalens uppskattning, median av 1 svar.").count()).toBe(1);
    expect(await employee.getByText("30 min – personalens uppskattning, median av 1 svar").count()).toBe(1);
    // The answer is remembered: the page offers to change it — here with the keyboard alone.
    const thirty = employee.getByLabel("30 min");
    expect(await thirty.isChecked()).toBe(true);
    await tabTo(thirty);
    await employee.keyboard.press("ArrowRight");
    expect(await employee.getByLabel("1 h", { exact: true }).isChecked()).toBe(true);
    await employee.keyboard.press("Tab");
    expect(await employee.evaluate(() => document.activeElement?.textContent)).toBe("Ändra mitt svar");
    await employee.keyboard.press("Enter");
    await employee.getByText("Tack! Du svarade 1 h. Medianen av 1 svar är nu 1 h.").waitFor();
  });

  it("retires a demand nobody needs and shows the hours freed", async () => {
    const manager = await signIn(harness, "chef");
    await manager.goto(`/inventering/krav/${weekly.id}`);
    await manager
      .getByLabel("Varför ska kravet avvecklas?")
      .fill("Samma uppgifter finns redan i närvarosystemet.");
    await manager.getByRole("button", { name: "Föreslå avveckling" }).click();
    await manager
      .getByText("Förslaget väntar på beslut av en direktör, politiker eller administratör.")
      .waitFor();

    const politician = await signIn(harness, "politiker");
    await politician.goto(`/inventering/krav/${weekly.id}`);
    await politician.getByLabel("Ja, avveckla kravet").check();
    await politician.getByRole("button", { name: "Fatta beslut" }).click();
    await politician.getByText(/^Avvecklingen frigjorde .+ h och .+\skr per år\.$/).waitFor();
    expect(await politician.locator(".demand-meta").textContent()).toContain("Avvecklat");

    await politician.goto("/inventering/belastning");
    const freed = politician.getByRole("table", { name: "Avvecklade krav" });
    await freed.getByRole("link", { name: weekly.title }).waitFor();
    expect(await politician.getByText(/har återgått till kärnverksamheten i år/).count()).toBe(1);
  });

  // One test per width, so that each stays well inside its time on a loaded machine.
  for (const width of [1280, 360])
    it(`has no accessibility violations on any inventory page at ${width} px, and never scrolls sideways`, async () => {
      const ekbacken = unitId(units, "Ekbackens skola");
      const analystPaths = [
        "/inventering",
        "/inventering?status=all&purpose=learning",
        "/inventering?q=finns-inte",
        "/inventering/nytt",
        `/inventering/krav/${weekly.id}`,
        `/inventering/krav/${draftId}`,
        `/inventering/krav/${draftId}/andra`,
        "/inventering/belastning",
        `/inventering/belastning?enhet=${ekbacken}`,
        "/inventering/import",
      ];
      const failures: string[] = [];
      await analyst.setViewportSize({ width, height: 800 });
      for (const path of analystPaths) failures.push(...(await check(analyst, path)));
      const manager = await signIn(harness, "chef", { width });
      for (const path of ["/", "/inventering/min-enhet", `/inventering/krav/${weekly.id}`])
        failures.push(...(await check(manager, path)));
      const employee = await signIn(harness, "medarbetare", { width });
      for (const path of ["/", "/inventering/min-enhet", "/inventering/import"])
        failures.push(...(await check(employee, path)));
      expect(failures).toEqual([]);
    });
});
