// Every form of the app, sent empty by someone who may use it — and, where a text has a limit, once
// with one character too many. Each time an error must be shown, the field it concerns must be named
// in words (by its label beside the field, or in the message), no text on the page may show an API
// path ("body.title", "query.unitId"), and axe must find nothing with the errors on the page.
// A new form is one more row in FORMS below.
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import {
  accessibilityViolations,
  apiGet,
  apiPost,
  callApi,
  choose,
  type Harness,
  hasChromium,
  newPage,
  signIn,
  startHarness,
  type Unit,
  unfold,
  unitId,
} from "./harness.ts";

/** Who fills the form in: a demo account (README.md), or someone not signed in. */
type Who = "guest" | "admin" | "chef" | "medarbetare" | "direktor" | "politiker" | "analytiker";

/** What the forms need from the demo, found or made once before the forms are visited. */
type Ids = {
  ekbacken: string;
  /** Karin Lindqvist, the manager of Ekbackens skola. */
  karin: string;
  /** The token of a password-reset link the politician asked for. */
  resetToken: string;
  /** Demands: a proposal whose analysis is a draft, one whose analysis is in consultation, one in force
   * that lands on Ekbackens skola, and one in force with a retirement waiting for a decision. */
  draftDemand: string;
  consultedDemand: string;
  activeDemand: string;
  retiringDemand: string;
  /** A dialogue meeting between the education administration and Ekbackens skola. */
  meeting: string;
  /** The demo's closed autumn barometer round of the education board, and the round open now. */
  autumnRound: string;
  openRound: string;
};

type FormCase = {
  /** The form, as a failure names it. */
  name: string;
  who: Who;
  path: (ids: Ids) => string;
  /** Opens the form (a fold, a button, a card) and returns what holds it; the whole page if not given. */
  open?: (page: Page) => Promise<Locator>;
  /** The submit button's name. */
  submit: string | RegExp;
  /** The label (or a group's legend) of the field the error must name, as the page words it. */
  field: string | RegExp;
  /** A form that comes filled in (editing what exists): its text fields are emptied first. */
  clear?: boolean;
  /** The button waits until something is filled in (it is disabled while the form is empty). */
  waitsForInput?: boolean;
  /** Instead of leaving it empty: what "nothing usable" is for this form (a file to upload). */
  fill?: (form: Locator) => Promise<void>;
  /** Every field is optional, so the empty form is fine: only the too-long text is tried. */
  emptyIsValid?: boolean;
  /** A text field (its label) whose limit is tried with one character too many. */
  tooLong?: string | RegExp;
  /** What else the too-long submission fills in, so that only the length is wrong. */
  ready?: (form: Locator) => Promise<void>;
};

const DEMO_EXPECTATION = "Mindre tid till dokumentation som ingen läser";
const DEMO_REQUEST = "Vikarier vid korttidsfrånvaro";
const followupOfEkbacken = (ids: Ids) => `/uppfoljning/enhet/${ids.ekbacken}`;
const csvFile = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });

const FORMS: FormCase[] = [
  // Signing in and one's own account.
  { name: "login", who: "guest", path: () => "/logga-in", submit: "Logga in", field: "E-postadress" },
  {
    name: "forgotten password",
    who: "guest",
    path: () => "/glomt-losenord",
    submit: "Skicka länk",
    field: "E-postadress",
  },
  {
    name: "choosing a password from a reset link",
    who: "guest",
    path: (ids) => `/konto/${ids.resetToken}`,
    submit: "Spara och logga in",
    field: "Nytt lösenord",
  },
  {
    name: "password change",
    who: "medarbetare",
    path: () => "/konto",
    submit: "Byt lösenord",
    field: "Nuvarande lösenord",
  },

  // The governance chain (administrator).
  {
    name: "new unit at the top",
    who: "admin",
    path: () => "/enheter",
    open: (page) => unfold(page, "Ny enhet högst upp"),
    submit: "Skapa enhet",
    field: "Namn",
    tooLong: "Namn",
  },
  {
    name: "new subunit",
    who: "admin",
    path: (ids) => `/enheter/${ids.ekbacken}`,
    open: (page) => unfold(page, "Ny underenhet"),
    submit: "Skapa enhet",
    field: "Namn",
    tooLong: "Namn",
  },
  {
    name: "unit details",
    who: "admin",
    path: (ids) => `/enheter/${ids.ekbacken}`,
    open: (page) => unfold(page, "Ändra enheten"),
    clear: true,
    submit: "Spara",
    field: "Namn",
  },
  {
    name: "new person in a unit",
    who: "admin",
    path: (ids) => `/enheter/${ids.ekbacken}`,
    open: (page) => unfold(page, "Lägg till person"),
    submit: "Lägg till person",
    field: "Namn",
    tooLong: "Namn",
  },
  {
    name: "person details",
    who: "admin",
    path: (ids) => `/personer/${ids.karin}`,
    open: (page) => unfold(page, "Ändra uppgifter"),
    clear: true,
    submit: "Spara",
    field: "Namn",
  },
  {
    name: "a person's new role",
    who: "admin",
    path: (ids) => `/personer/${ids.karin}`,
    open: (page) => unfold(page, "Lägg till roll"),
    submit: "Lägg till roll",
    field: "Enhet",
  },
  {
    // "Empty" is a unit file whose one unit has no name.
    name: "organisation import",
    who: "admin",
    path: () => "/admin/import",
    waitsForInput: true,
    fill: (form) =>
      form
        .getByLabel("Enhetsfil (CSV)")
        .setInputFiles(csvFile("enheter.csv", "kod;namn;överordnad_kod;typ\nX1;;GR;enhet\n")),
    submit: "Förhandsgranska",
    field: /namn/i,
  },
  {
    name: "single sign-on",
    who: "admin",
    path: () => "/admin/inloggning",
    clear: true,
    submit: "Spara",
    field: "Utfärdare (issuer)",
    tooLong: "Klient-id",
  },

  // The follow-up inventory.
  {
    name: "new demand",
    who: "analytiker",
    path: () => "/inventering/nytt",
    submit: "Föreslå kravet",
    field: "Rubrik",
    tooLong: "Rubrik",
    ready: async (form) => {
      await form.getByLabel("Typ", { exact: true }).selectOption("report");
      await form.getByLabel("Syfte", { exact: true }).selectOption("learning");
      await choose(form.getByLabel("Enhet som begär"), "Utbildningsförvaltningen");
      await form.getByRole("group", { name: "Roller som rapporterar" }).getByLabel("Medarbetare").check();
      await choose(form.getByLabel("Lägg till enhet"), "Ekbackens skola");
      await form.getByRole("button", { name: "Lägg till", exact: true }).click();
      await form.getByLabel("Gånger per år").fill("3");
      await form.getByLabel("Minuter per tillfälle och rapportör").fill("20");
    },
  },
  {
    name: "consequence analysis",
    who: "analytiker",
    path: (ids) => `/inventering/krav/${ids.draftDemand}`,
    submit: "Spara analysen",
    field: "Syfte och användare",
    emptyIsValid: true,
    tooLong: "Syfte och användare",
  },
  {
    name: "consultation comment",
    who: "medarbetare",
    path: (ids) => `/inventering/krav/${ids.consultedDemand}`,
    submit: "Skicka synpunkt",
    field: "Din synpunkt",
    tooLong: "Din synpunkt",
  },
  {
    name: "decision on the analysis",
    who: "direktor",
    path: (ids) => `/inventering/krav/${ids.consultedDemand}`,
    submit: "Fatta beslut",
    field: "Vad beslutar du?",
  },
  {
    name: "use of a demand",
    who: "chef",
    path: (ids) => `/inventering/krav/${ids.activeDemand}`,
    submit: "Registrera",
    field: "Vad",
    tooLong: "Vad",
  },
  {
    name: "time estimate",
    who: "medarbetare",
    path: (ids) => `/inventering/krav/${ids.activeDemand}`,
    submit: "Spara",
    field: /^Hur lång tid tar/,
    waitsForInput: true,
  },
  {
    name: "retirement proposal",
    who: "chef",
    path: (ids) => `/inventering/krav/${ids.activeDemand}`,
    submit: "Föreslå avveckling",
    field: "Varför ska kravet avvecklas?",
    tooLong: "Varför ska kravet avvecklas?",
  },
  {
    name: "retirement decision",
    who: "politiker",
    path: (ids) => `/inventering/krav/${ids.retiringDemand}`,
    submit: "Fatta beslut",
    field: "Ska kravet avvecklas?",
  },
  {
    // "Empty" is a file whose one demand has no title.
    name: "inventory import",
    who: "analytiker",
    path: () => "/inventering/import",
    waitsForInput: true,
    fill: (form) =>
      form
        .getByLabel("Inventeringsfil (CSV)")
        .setInputFiles(
          csvFile(
            "inventering.csv",
            "kod;rubrik;typ;syfte;begärs_av;roller;enheter;gånger_per_år;minuter\nX1;;rapport;styrning;;chef;;12;30\n",
          ),
        ),
    submit: "Förhandsgranska",
    field: /rubrik|titel/i,
  },

  // Co-created follow-up at Ekbackens skola.
  {
    name: "opening another unit's follow-up",
    who: "direktor",
    path: () => "/uppfoljning",
    submit: "Öppna uppföljningen",
    field: "Enhet",
    waitsForInput: true,
  },
  {
    name: "assignment",
    who: "chef",
    path: followupOfEkbacken,
    open: (page) => unfold(page, "Ändra uppdraget"),
    clear: true,
    submit: "Spara uppdraget",
    field: "Syfte",
    tooLong: "Syfte",
  },
  {
    name: "expectation",
    who: "chef",
    path: followupOfEkbacken,
    open: (page) => unfold(page, "Formulera en ny förväntan"),
    submit: "Spara utkastet",
    field: "Förväntan i en mening",
    tooLong: "Förväntan i en mening",
  },
  {
    name: "position: disagreeing without a comment",
    who: "medarbetare",
    path: followupOfEkbacken,
    open: async (page) => {
      const card = page.getByRole("article", { name: DEMO_EXPECTATION });
      await card.getByLabel("Jag håller inte med").check();
      return card;
    },
    submit: "Spara mitt ställningstagande",
    field: "Kommentar",
    tooLong: "Kommentar",
  },
  {
    name: "entry",
    who: "medarbetare",
    path: followupOfEkbacken,
    open: (page) => unfold(page, "Skriv en anteckning"),
    submit: "Spara anteckningen",
    field: "Vad vill du anteckna?",
    tooLong: "Anteckning",
    ready: (form) => form.getByLabel("Problem", { exact: true }).check(),
  },
  {
    name: "action",
    who: "chef",
    path: followupOfEkbacken,
    open: (page) => unfold(page, "Vad behöver vi av er?"),
    submit: /^(Lägg till åtgärden|Skicka begäran)$/,
    field: "Vad behövs?",
    tooLong: "Vad behövs?",
  },
  {
    name: "decline reason",
    who: "direktor",
    path: () => "/uppfoljning/vantar-pa-oss",
    open: async (page) => {
      const request = page.getByRole("article", { name: DEMO_REQUEST });
      await request.getByRole("button", { name: "Avböj …" }).click();
      return request;
    },
    submit: "Avböj med detta skäl",
    field: /^Varför avböjer ni/,
    tooLong: /^Varför avböjer ni/,
  },
  {
    name: "dialogue meeting",
    who: "direktor",
    path: () => "/uppfoljning/dialoger",
    submit: "Kalla till mötet",
    field: "Övre part",
  },
  {
    name: "decision at a dialogue meeting",
    who: "direktor",
    path: (ids) => `/uppfoljning/dialoger/${ids.meeting}`,
    open: (page) => unfold(page, "Nytt beslut som blir en åtgärd"),
    submit: "Spara beslutet",
    field: "Vad behövs?",
    tooLong: "Vad behövs?",
  },
  {
    name: "an agenda item of a dialogue meeting",
    who: "direktor",
    path: (ids) => `/uppfoljning/dialoger/${ids.meeting}`,
    open: async (page) => {
      const item = page.getByRole("region", { name: /^5\. Vad behöver ni av oss/ });
      await item.getByRole("button", { name: /Skriv i punkten/ }).click();
      return item;
    },
    submit: "Spara punkten",
    field: /^Anteckningar från mötet/,
    emptyIsValid: true,
    tooLong: /^Anteckningar från mötet/,
  },
  {
    name: "minutes of a dialogue meeting",
    who: "direktor",
    path: (ids) => `/uppfoljning/dialoger/${ids.meeting}`,
    submit: "Spara protokollet",
    field: "Protokoll",
    emptyIsValid: true,
    tooLong: "Protokoll",
  },
  {
    name: "a dialogue meeting's name, date and participants",
    who: "direktor",
    path: (ids) => `/uppfoljning/dialoger/${ids.meeting}`,
    open: (page) => unfold(page, "Ändra mötets namn, datum eller deltagare"),
    clear: true,
    submit: "Spara mötet",
    field: "Mötets namn",
  },

  // The trust barometer.
  {
    name: "new barometer round",
    who: "direktor",
    path: () => "/tillitsbarometern/ny",
    submit: "Starta omgången",
    field: "Namn på omgången",
    tooLong: "Namn på omgången",
  },
  {
    name: "barometer settings",
    who: "admin",
    path: () => "/tillitsbarometern/installningar",
    clear: true,
    submit: "Spara inställningarna",
    field: "Dagar då bara teamet ser sina resultat",
  },
  {
    name: "barometer answers",
    who: "chef",
    path: (ids) => `/tillitsbarometern/${ids.openRound}`,
    submit: "Skicka mina svar",
    field: /Fråga 1 av/,
  },
  {
    name: "discussion note",
    who: "medarbetare",
    path: (ids) => `/tillitsbarometern/${ids.autumnRound}/resultat`,
    submit: "Spara anteckningen",
    field: "Vad pratade ni om?",
    tooLong: "Vad pratade ni om?",
  },
  {
    name: "action from the barometer results",
    who: "medarbetare",
    path: (ids) => `/tillitsbarometern/${ids.autumnRound}/resultat`,
    submit: "Skapa åtgärden",
    field: "Vad ska göras?",
    tooLong: "Vad ska göras?",
  },
];

/** An API path in words meant for people: "body.title", "query.unitId", "params.id". */
const API_PATH = /\b(body|query|params)\.[A-Za-z]/;

let harness: Harness;
let ids: Ids;
/**
 * One signed-in page per account for the whole file, kept for calling the API as that person; each
 * form opens in a new tab of the same browser context, so it is signed in without signing in again.
 */
const signedIn = new Map<Who, Promise<Page>>();
const pageOf = (who: Who): Promise<Page> => {
  let page = signedIn.get(who);
  if (!page) {
    page = who === "guest" ? newPage(harness) : signIn(harness, who);
    signedIn.set(who, page);
  }
  return page;
};

// The forms run side by side (each in its own tab), so the run takes about as long as the slowest few.
describe.skipIf(!hasChromium)("every form, sent empty or too long", { concurrent: true }, () => {
  beforeAll(async () => {
    harness = await startHarness();
    ids = await findOrMakeIds();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  for (const form of FORMS) {
    it.skipIf(form.emptyIsValid)(`${form.name}: sent empty`, async ({ expect }) => {
      await inTab(form.who, async (page) => {
        const target = await openForm(page, form);
        const submit = target.getByRole("button", { name: form.submit, exact: true });
        if (form.clear) await clearTextFields(target);
        if (form.waitsForInput) {
          expect(await submit.isDisabled(), "the button waits until something is filled in").toBe(true);
          if (!form.fill) return;
        }
        await form.fill?.(target);
        expect(await submitAndRead(page, submit, form.field)).toEqual([]);
      });
    });

    if (form.tooLong) {
      const label = form.tooLong;
      it(`${form.name}: a text one character over its limit`, async ({ expect }) => {
        await inTab(form.who, async (page) => {
          const target = await openForm(page, form);
          if (form.clear) await clearTextFields(target);
          await form.ready?.(target);
          const field = target.getByLabel(label, { exact: true });
          await field.fill("x".repeat((await limitOf(field)) + 1));
          const submit = target.getByRole("button", { name: form.submit, exact: true });
          expect(await submitAndRead(page, submit, label)).toEqual([]);
        });
      });
    }
  }
});

/** A fresh tab of the account's signed-in context, closed when the work is done. */
async function inTab(who: Who, work: (page: Page) => Promise<void>) {
  const page = await (await pageOf(who)).context().newPage();
  try {
    await work(page);
  } finally {
    await page.close();
  }
}

/** Opens the form's page and returns the form. */
async function openForm(page: Page, form: FormCase): Promise<Locator> {
  await page.goto(form.path(ids));
  await page.getByRole("heading", { level: 1 }).waitFor();
  const holder = form.open ? await form.open(page) : page;
  const target = holder
    .locator("form")
    .filter({ has: page.getByRole("button", { name: form.submit, exact: true }) });
  await target.first().waitFor();
  const count = await target.count();
  if (count !== 1) throw new Error(`${count} forms with the button ${form.submit}`);
  return target;
}

async function clearTextFields(form: Locator) {
  for (const field of await form
    .locator("textarea, input:not([type=checkbox]):not([type=radio]):not([type=file]):not([type=hidden])")
    .all())
    if (await field.isEditable()) await field.fill("");
}

/** The limit a field says it has: "Högst 2 000 tecken." in its description. */
async function limitOf(field: Locator): Promise<number> {
  const description = await field.evaluate((element) =>
    (element.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );
  const said = /Högst ([\d\s\u00a0\u202f]+) tecken/.exec(description);
  if (!said) throw new Error(`The field does not say its limit: "${description}"`);
  return Number(said[1].replace(/\D/g, ""));
}

type Shown = {
  /** Messages announced as alerts. */
  alerts: string[];
  /** Fields marked in error: the name a screen reader hears, and what describes them. */
  marked: { name: string; message: string }[];
  /** Every text a person may see or hear: the page's text and its accessible names and hints. */
  text: string;
};

/** The errors on the page now: alerts, fields marked invalid (with their names), and all its words. */
function errorsOn(page: Page): Promise<Shown> {
  return page.evaluate((): Shown => {
    const words = (element: Element | null) => (element?.textContent ?? "").replace(/\s+/g, " ").trim();
    const byIds = (list: string | null) =>
      (list ?? "")
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => words(document.getElementById(id)))
        .join(" ");
    const visible = (element: Element) => element.getClientRects().length > 0;
    const alerts = [...document.querySelectorAll("[role=alert]")].filter(visible).map(words);
    const marked: Shown["marked"] = [];
    for (const control of document.querySelectorAll("[aria-invalid=true]")) {
      if (!visible(control)) continue;
      const labels = "labels" in control ? [...((control as HTMLInputElement).labels ?? [])] : [];
      marked.push({
        name:
          control.getAttribute("aria-label") ??
          (byIds(control.getAttribute("aria-labelledby")) || labels.map(words).join(" ")),
        message: byIds(control.getAttribute("aria-describedby")),
      });
    }
    // A group (radio buttons, check boxes) carries its error in its description, named by its legend.
    for (const group of document.querySelectorAll("fieldset")) {
      const error = group.querySelector(":scope > .field-error");
      if (error && visible(error))
        marked.push({ name: words(group.querySelector("legend")), message: words(error) });
    }
    const attributes = [...document.querySelectorAll("[aria-label], [title], [placeholder]")].flatMap(
      (element) => ["aria-label", "title", "placeholder"].map((name) => element.getAttribute(name) ?? ""),
    );
    return { alerts, marked, text: [document.body.innerText, ...attributes].join("\n") };
  });
}

/**
 * Runs in the page: its errors in one string (alerts, invalid fields, group errors) — or, given the
 * string from before, whether they have changed since.
 */
function errorsNow(before?: string): string | boolean {
  const now = [...document.querySelectorAll("[role=alert], [aria-invalid=true], fieldset > .field-error")]
    .map((element) => (element.getAttribute("aria-invalid") ?? "") + element.textContent)
    .join("|");
  return before === undefined ? now : now !== before;
}

/**
 * Sends the form and returns what is wrong with how the page tells of the refusal (an empty list
 * when all is well), once the page has answered: its errors changed, or ten seconds passed.
 */
async function submitAndRead(page: Page, submit: Locator, field: string | RegExp): Promise<string[]> {
  const before = String(await page.evaluate(errorsNow, undefined as string | undefined));
  await submit.click();
  // Nothing changing in ten seconds is an answer too: the check below says that no error is shown.
  await page.waitForFunction(errorsNow, before, { timeout: 10_000, polling: 100 }).catch(() => undefined);
  return problemsIn(page, await errorsOn(page), field);
}

/** What is wrong with how the page tells of a refusal. */
async function problemsIn(page: Page, shown: Shown, field: string | RegExp): Promise<string[]> {
  const problems: string[] = [];
  if (!shown.alerts.length && !shown.marked.length) {
    const status = await page.locator("[role=status]").allTextContents();
    return [`no error is shown at ${new URL(page.url()).pathname}; it says ${JSON.stringify(status)}`];
  }
  const paths = shown.text.split("\n").filter((line) => API_PATH.test(line));
  for (const line of paths) problems.push(`shows an API path: "${line.trim()}"`);
  const names = (text: string) => (typeof field === "string" ? text.includes(field) : field.test(text));
  const named = shown.marked.some((mark) => names(mark.name)) || shown.alerts.some((alert) => names(alert));
  if (!named)
    problems.push(
      `does not name the field ${field}: alerts ${JSON.stringify(shown.alerts)}, fields marked ${JSON.stringify(shown.marked)}`,
    );
  problems.push(...(await accessibilityViolations(page)).map((violation) => `axe: ${violation}`));
  return problems;
}

/** The demo's people, units and rounds the forms need, and the demands made for them here. */
async function findOrMakeIds(): Promise<Ids> {
  const [admin, analyst, manager, director] = await Promise.all(
    (["admin", "analytiker", "chef", "direktor"] as const).map(pageOf),
  );
  const units = await apiGet<Unit[]>(admin, "/api/units?all=true");
  const people = await apiGet<{ items: { id: string; name: string }[] }>(
    admin,
    "/api/people?q=Karin%20Lindqvist",
  );
  const karin = people.items.find((person) => person.name === "Karin Lindqvist");
  if (!karin) throw new Error("The demo's Karin Lindqvist is missing");

  // A reset link, as the politician would get it by mail (without SMTP the server logs it for its
  // addressee: administrators never see it).
  const politician = "politiker@exempelkommun.se";
  await (await pageOf("guest")).request.post("/api/auth/password-reset", { data: { email: politician } });
  const resetToken = /\/konto\/([\w-]+)/.exec(await harness.linkSentTo(politician))?.[1];
  if (!resetToken) throw new Error("The politician's reset link has no token");

  // Proposals are asked of Ekbackens skola by its administration (the director decides, its staff are
  // consulted); demands in force come from the board to all compulsory schools (the politician decides).
  const demand = (title: string, existing: boolean) =>
    apiPost<{ id: string }>(analyst, "/api/inventory/demands", {
      title,
      kind: "report",
      purpose: "accountability",
      requester: {
        unitId: unitId(units, existing ? "Barn- och utbildningsnämnden" : "Utbildningsförvaltningen"),
      },
      reporters: {
        roles: ["manager", "employee"],
        unitIds: [unitId(units, existing ? "Grundskola" : "Ekbackens skola")],
      },
      frequencyPerYear: 12,
      minutesPerOccurrence: 20,
      dataFields: ["frånvaro per elev"],
      trust: { purpose_learning: "traditional", good_examples: "traditional", continuous: "both" },
      existing,
    });
  const draftDemand = await demand("E2E-formulär: förslag med utkast till analys", false);
  const consultedDemand = await demand("E2E-formulär: förslag på samråd", false);
  const answers = {
    purposeAndUsers: "Rektorerna.",
    decisionsInformed: "Resursfördelning.",
    goalDisplacementRisk: "Liten.",
    discretionEffect: "Ingen.",
    citizenValue: "Bättre stöd.",
    alternatives: "Inga.",
    staffConsulted: "Arbetslagen.",
  };
  const analysis = `/api/inventory/demands/${consultedDemand.id}/analysis`;
  const saved = await callApi(analyst, "PUT", analysis, answers);
  if (saved.status !== 200) throw new Error(`PUT ${analysis}: ${saved.status} ${JSON.stringify(saved.body)}`);
  await apiPost(analyst, `${analysis}/transition`, { to: "consultation" });
  const activeDemand = await demand("E2E-formulär: krav som gäller", true);
  const retiringDemand = await demand("E2E-formulär: krav som föreslås avvecklas", true);
  await apiPost(manager, `/api/inventory/demands/${retiringDemand.id}/retirements`, {
    reason: "Uppgifterna finns redan i elevregistret.",
  });

  const ekbacken = unitId(units, "Ekbackens skola");
  const meetings = await apiGet<{ id: string; lowerUnitId: string }[]>(
    director,
    `/api/followup/dialogues?unitId=${ekbacken}`,
  );
  const meeting = meetings.find((candidate) => candidate.lowerUnitId === ekbacken);
  if (!meeting) throw new Error("The demo has no dialogue meeting with Ekbackens skola");

  type Round = { id: string; title: string; unitName: string; phase: string; closedAt: string | null };
  type Invited = Round & { invited: boolean; answered: boolean };
  const autumn = (await apiGet<Round[]>(director, "/api/barometer/rounds")).find(
    (round) => round.closedAt && round.title.includes("hösten") && round.unitName.includes("utbildning"),
  );
  const open = (await apiGet<Invited[]>(manager, "/api/barometer/rounds")).find(
    (round) => round.phase === "open" && round.invited && !round.answered,
  );
  if (!autumn || !open) throw new Error("The demo's autumn round or its open round is missing");

  return {
    ekbacken,
    karin: karin.id,
    resetToken,
    draftDemand: draftDemand.id,
    consultedDemand: consultedDemand.id,
    activeDemand: activeDemand.id,
    retiringDemand: retiringDemand.id,
    meeting: meeting.id,
    autumnRound: autumn.id,
    openRound: open.id,
  };
}
