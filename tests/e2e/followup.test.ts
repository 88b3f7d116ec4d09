// The co-created follow-up cycle in the browser, as the demo organisation's people would run it:
// the manager drafts an expectation and puts it to dialogue, an employee disagrees with a comment,
// the manager revises and records the agreement, entries with a good example and a problem, an
// upward request to the administration that the director answers from "Väntar på oss", and a
// dialogue meeting with a decision and a print view. Every follow-up page passes axe at 1280 and
// 360 px without sideways scrolling.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check, choose, type Harness, hasChromium, signIn, startHarness, tabTo, unfold } from "./harness.ts";

let harness: Harness;
let manager: Page;
let employee: Page;
let director: Page;
let unitPath: string;

const draftTitle = "Varje elev läser en hel bok i månaden";
const revisedTitle = "Varje elev läser en hel bok varannan månad";
const requestTitle = "Tid för gemensam planering av läsprojektet";

/** Buttons that open a form in place: the forms behind them are checked with axe opened. */
const formOpeners = /^(Revidera texten|Ändra utkastet|Skriv i punkten|Avböj …)/;

describe.skipIf(!hasChromium)("the follow-up cycle in the browser", () => {
  beforeAll(async () => {
    harness = await startHarness();
    [manager, employee, director] = await Promise.all([
      signIn(harness, "chef"),
      signIn(harness, "medarbetare"),
      signIn(harness, "direktor"),
    ]);
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("takes the manager from the main navigation to the unit's follow-up page", async () => {
    await manager
      .getByRole("navigation", { name: "Huvudmeny" })
      .getByRole("link", { name: "Uppföljning", exact: true })
      .click();
    await manager.getByRole("heading", { level: 1, name: "Uppföljning", exact: true }).waitFor();
    await manager.getByRole("link", { name: "Uppföljning för Ekbackens skola" }).click();
    await manager.getByRole("heading", { level: 1, name: "Uppföljning för Ekbackens skola" }).waitFor();
    unitPath = new URL(manager.url()).pathname;
    expect(unitPath).toMatch(/^\/uppfoljning\/enhet\/[0-9a-f-]{36}$/);
    // The demo's assignment and its good examples beside its problems.
    await manager.getByRole("definition").filter({ hasText: "Omkring 420 elever" }).waitFor();
    expect(await manager.getByRole("region", { name: /^Goda exempel \(\d+\)$/ }).count()).toBe(1);
    expect(await manager.getByRole("region", { name: /^Problem \(\d+\)$/ }).count()).toBe(1);
  });

  it("drafts an expectation and puts it to dialogue", async () => {
    const form = await unfold(manager, "Formulera en ny förväntan");
    await form.getByLabel("Förväntan i en mening").fill(draftTitle);
    await form.getByLabel("Beskrivning").fill("Läsningen sker på lektionstid och eleven väljer boken själv.");
    await form.getByLabel("Del av uppdraget (valfritt)").fill("Utbildning där varje elev utvecklas");
    await form.getByLabel("Berättelse").check();
    await form.getByRole("button", { name: "Spara utkastet" }).click();
    await form.getByText(`Utkastet ”${draftTitle}” är sparat.`).waitFor();

    const card = manager.getByRole("article", { name: draftTitle });
    await card.getByText("Utkast", { exact: true }).waitFor();
    await card.getByRole("button", { name: "Skicka till dialog med medarbetarna" }).click();
    await card.getByText("Medarbetarna har fått ett mejl").waitFor();
    await card.getByText("I dialog", { exact: true }).waitFor();
  });

  it("lets the employee disagree, and requires a comment to do so", async () => {
    await employee.goto(unitPath);
    const card = employee.getByRole("article", { name: draftTitle });
    await card.getByRole("group", { name: `Håller du med om förväntan ”${draftTitle}”?` }).waitFor();
    await card.getByLabel("Jag håller inte med").check();
    await card.getByRole("button", { name: "Spara mitt ställningstagande" }).click();
    // The server names the field; the message sits on the comment box.
    const comment = card.getByLabel("Kommentar");
    await card.getByText("Krävs när du inte håller med.").waitFor();
    expect(await comment.getAttribute("aria-invalid")).toBe("true");

    await comment.fill(
      "En bok i månaden hinns inte med i åk 7–9 under nationella proven. Varannan månad går.",
    );
    await card.getByRole("button", { name: "Spara mitt ställningstagande" }).click();
    await card.getByText("Ditt ställningstagande är sparat").waitFor();
    await card.getByText("Version 1: 0 håller med, 1 håller inte med (1 har tagit ställning).").waitFor();
  });

  it("shows the manager the disagreement, then revises the text as a new version and records the agreement", async () => {
    await manager.reload();
    let card = manager.getByRole("article", { name: draftTitle });
    await card.getByRole("heading", { name: "En håller inte med" }).waitFor();
    await card.getByText("Varannan månad går.").waitFor();

    await card.getByRole("button", { name: "Revidera texten" }).click();
    await card.getByText("ändringarna blir en ny version").waitFor();
    await card.getByLabel("Förväntan i en mening").fill(revisedTitle);
    await card.getByRole("button", { name: "Spara som ny version" }).click();
    card = manager.getByRole("article", { name: revisedTitle });
    await card.getByText("Version 2", { exact: true }).waitFor();
    await card.getByText("Ingen har tagit ställning till version 2 än.").waitFor();
    // The disagreement with version 1 stays visible.
    await card.getByText("På en tidigare version höll en person inte med").waitFor();

    await employee.reload();
    const employeeCard = employee.getByRole("article", { name: revisedTitle });
    await employeeCard.getByLabel("Jag håller med", { exact: true }).check();
    await employeeCard.getByRole("button", { name: "Spara mitt ställningstagande" }).click();
    await employeeCard.getByText("Ditt ställningstagande är sparat").waitFor();

    await manager.reload();
    card = manager.getByRole("article", { name: revisedTitle });
    await card.getByText("Version 2: 1 håller med, 0 håller inte med (1 har tagit ställning).").waitFor();
    await card.getByRole("button", { name: "Anteckna överenskommelsen" }).click();
    await card.getByText("Överenskommelsen är antecknad.").waitFor();
    await card.getByText("Överenskommen", { exact: true }).waitFor();
    await card.getByText("Överenskommelsen antecknades av Karin Lindqvist").waitFor();
    await card.getByText(/Versioner och tidigare ställningstaganden \(2 versioner\)/).click();
    await card.getByText(draftTitle).waitFor();
    await card.getByText("En bok i månaden hinns inte med").waitFor();
  });

  it("records a good example and a problem, shown side by side", async () => {
    const good = "Bokcirklarna i åk 5 fick elever som aldrig läst klart en bok att läsa två.";
    const problem = "Skolbiblioteket är stängt tre dagar i veckan, så eleverna hittar inga böcker.";
    for (const [kind, text] of [
      ["Gott exempel", good],
      ["Problem", problem],
    ] as const) {
      const form = await unfold(employee, "Skriv en anteckning");
      await form.getByLabel(kind, { exact: true }).check();
      await form.getByLabel("Under", { exact: true }).check();
      await form.getByLabel("Anteckning").fill(text);
      await form.getByLabel("Gäller förväntan (valfritt)").selectOption({ label: revisedTitle });
      if (kind === "Gott exempel") await form.getByLabel("Märk för lärbanken").check();
      await form.getByRole("button", { name: "Spara anteckningen" }).click();
      await form
        .getByText(kind === "Gott exempel" ? "Det goda exemplet är sparat." : "Problemet är sparat.")
        .waitFor();
    }
    const goodColumn = employee.getByRole("region", { name: /^Goda exempel \(\d+\)$/ });
    const problemColumn = employee.getByRole("region", { name: /^Problem \(\d+\)$/ });
    await goodColumn.getByText(good).waitFor();
    await problemColumn.getByText(problem).waitFor();
    expect(await goodColumn.getByText(problem).count()).toBe(0);
    const entry = goodColumn.getByRole("listitem").filter({ hasText: good });
    expect(await entry.textContent()).toContain("Till lärbanken");
    expect(await entry.textContent()).toContain(`gäller ”${revisedTitle}”`);
  });

  it("sends an upward request that the director answers from 'Väntar på oss'", async () => {
    const form = await unfold(manager, "Vad behöver vi av er?");
    await form.getByLabel("Vad behövs?").fill(requestTitle);
    await form
      .getByLabel("Beskriv behovet (valfritt)")
      .fill("Två timmar i månaden när lärarna i svenska kan planera läsprojektet tillsammans.");
    await form.getByLabel("Förvaltningen (direktören)").check();
    await form.getByLabel("Svar önskas inom (dagar)").fill("10");
    await form.getByRole("button", { name: "Skicka begäran" }).click();
    await form.getByText(`Begäran ”${requestTitle}” är skickad till Förvaltningen (direktören)`).waitFor();
    const sent = manager
      .getByRole("region", { name: /^Till förvaltningen/ })
      .getByRole("article", { name: requestTitle });
    await sent.getByText("Väntar på svar", { exact: true }).waitFor();
    // The manager is not the addressed level: no accept or decline.
    expect(await sent.getByRole("button", { name: "Acceptera" }).count()).toBe(0);

    await director.goto("/uppfoljning");
    await director.getByText(/begäranden från enheter under er väntar på ert svar/).waitFor();
    await director.getByRole("link", { name: "Gå till Väntar på oss" }).click();
    await director.getByRole("heading", { level: 1, name: "Väntar på oss" }).waitFor();
    const request = director.getByRole("article", { name: requestTitle });
    await request.getByRole("link", { name: "Ekbackens skola" }).waitFor();
    expect(await request.textContent()).toContain("0 dagar (svarstid 10 dagar)");
    // The seeded request that has waited too long is marked overdue.
    await director
      .getByRole("article", { name: "Vikarier vid korttidsfrånvaro" })
      .getByText("Försenat svar")
      .waitFor();

    // A decline needs a reason; the director then accepts instead.
    await request.getByRole("button", { name: "Avböj …" }).click();
    const reason = request.getByLabel(`Varför avböjer ni ”${requestTitle}”?`);
    expect(await reason.evaluate((element) => element === document.activeElement)).toBe(true);
    await request.getByRole("button", { name: "Avböj med detta skäl" }).click();
    await request.getByText("Den som avböjer måste säga varför.").waitFor();
    expect(await reason.getAttribute("aria-invalid")).toBe("true");
    await request.getByRole("button", { name: "Avbryt" }).click();
    await request.getByRole("button", { name: "Acceptera" }).click();
    await director.getByText(`Ni har svarat på ”${requestTitle}” från Ekbackens skola.`).waitFor();
    await request.waitFor({ state: "detached" });

    await manager.reload();
    await manager.waitForLoadState("networkidle");
    const answered = manager.getByRole("article", { name: requestTitle });
    await answered.getByText("Accepterad", { exact: true }).waitFor();
    expect(await answered.textContent()).toContain("av Anders Håkansson efter 0 dagar");
  });

  it("shows the answer in the chain's response times, as a chart with its table", async () => {
    await director.goto("/uppfoljning/svarstider");
    const table = director.getByRole("table", { name: /Besvarade och öppna begäranden/ });
    const row = table.getByRole("row", { name: /^Förvaltningen/ });
    // The seed has one answered and one open request to the administration; now two are answered.
    expect(await row.getByRole("cell").first().textContent()).toBe("2");
    await director.locator(".chart svg").waitFor();
    await choose(director.getByLabel("Begäranden från"), "Ekbackens skola");
    await director.getByRole("heading", { name: "Svarstid per nivå, Ekbackens skola" }).waitFor();
  });

  it("holds a dialogue meeting: preparation, a decision that becomes an action, and a print view", async () => {
    await director.goto("/uppfoljning/dialoger");
    const form = director.getByRole("region", { name: "Kalla till ett dialogmöte" });
    await choose(form.getByLabel("Övre part"), "Utbildningsförvaltningen");
    await choose(form.getByLabel("Undre part"), "Ekbackens skola");
    expect(await form.getByLabel("Direktör och chefer").isChecked()).toBe(true);
    await form.getByLabel("Mötets namn").fill("Uppföljningsdialog våren");
    await form.getByLabel("Karin Lindqvist (Chef)").check();
    await form.getByRole("button", { name: "Kalla till mötet" }).click();
    await director.getByRole("heading", { level: 1, name: "Uppföljningsdialog våren" }).waitFor();
    expect(await director.getByText("Anders Håkansson, Karin Lindqvist").count()).toBe(1);

    // The review of the last meeting's actions comes first.
    const review = director.getByRole("region", { name: /^1\. Genomgång av förra mötets åtgärder/ });
    await review.getByRole("link", { name: "Uppföljningsdialog vinter" }).waitFor();

    const needs = director.getByRole("region", { name: /^5\. Vad behöver ni av oss/ });
    await needs.getByRole("button", { name: /Skriv i punkten/ }).click();
    await needs
      .getByLabel("Förberedelse från Utbildningsförvaltningen: Vad behöver ni av oss – och vi av er?")
      .fill("Att skolan berättar om bokcirklarna i rektorsgruppen.");
    await needs
      .getByLabel("Anteckningar från mötet: Vad behöver ni av oss – och vi av er?")
      .fill("Förvaltningen ordnar planeringstid från januari.");
    await needs.getByRole("button", { name: "Spara punkten" }).click();
    await needs.getByText("Förvaltningen ordnar planeringstid från januari.").waitFor();

    const agreements = director.getByRole("region", { name: /^6\. Överenskommelser/ });
    const decision = await unfold(director, "Nytt beslut som blir en åtgärd");
    await decision.getByLabel("Vad behövs?").fill("Bokcirklarna visas i rektorsgruppen i februari");
    await decision.getByLabel("Vi själva (enheten)").check();
    await decision.getByRole("button", { name: "Spara beslutet" }).click();
    await agreements
      .getByRole("article", { name: "Bokcirklarna visas i rektorsgruppen i februari" })
      .waitFor();
    await director.getByRole("button", { name: "Markera mötet som hållet" }).click();
    await director.getByText("Hållet", { exact: true }).waitFor();

    await director.getByRole("link", { name: "Utskrift för nämndens akt" }).click();
    await director.getByRole("button", { name: "Skriv ut" }).waitFor();
    const decisions = director.getByRole("table", { name: "Beslut som blev åtgärder" });
    await decisions.getByRole("row", { name: /Bokcirklarna visas i rektorsgruppen/ }).waitFor();
    // On paper the site's header, navigation and the print button are left off.
    await director.emulateMedia({ media: "print" });
    expect(await director.getByRole("button", { name: "Skriv ut" }).isVisible()).toBe(false);
    expect(await director.locator(".site-header").isVisible()).toBe(false);
    expect(await director.getByText("Förvaltningen ordnar planeringstid från januari.").isVisible()).toBe(
      true,
    );
    await director.emulateMedia({ media: "screen" });
  });

  it("lets the employee take a position with the keyboard alone", async () => {
    await employee.goto(unitPath);
    const card = employee.getByRole("article", { name: "Mindre tid till dokumentation som ingen läser" });
    await tabTo(card.getByLabel("Jag håller med", { exact: true }), 150);
    await employee.keyboard.press("ArrowDown"); // the arrow keys move within the radio group
    expect(await card.getByLabel("Jag håller inte med").isChecked()).toBe(true);
    await employee.keyboard.press("Tab");
    expect(await employee.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
    await employee.keyboard.type("Börja med veckobreven, men låt närvaron vara kvar tills vidare.");
    await employee.keyboard.press("Tab");
    await employee.keyboard.press("Enter");
    await card.getByText("Ditt ställningstagande är sparat").waitFor();
    await card.getByRole("heading", { name: "En håller inte med" }).waitFor();
  });

  // One test per width, so that each stays well inside its time on a loaded machine.
  for (const width of [1280, 360])
    it(`has no accessibility violations on any follow-up page at ${width} px, and never scrolls sideways`, async () => {
      await director.goto("/uppfoljning/dialoger");
      const meetingHref = await director
        .getByRole("link", { name: "Uppföljningsdialog våren" })
        .getAttribute("href");
      const pages: [Page, string][] = [
        [manager, "/uppfoljning"],
        [manager, unitPath],
        [manager, "/uppfoljning/dialoger"],
        [employee, unitPath],
        [employee, "/uppfoljning/vantar-pa-oss"],
        [director, "/uppfoljning"],
        [director, unitPath],
        [director, "/uppfoljning/vantar-pa-oss"],
        [director, "/uppfoljning/svarstider"],
        [director, "/uppfoljning/dialoger"],
        [director, meetingHref as string],
        [director, `${meetingHref}/utskrift`],
      ];
      const failures: string[] = [];
      for (const [page, path] of pages) {
        await page.setViewportSize({ width, height: 800 });
        failures.push(...(await check(page, path, { expand: formOpeners })));
      }
      expect(failures).toEqual([]);
    });
});
