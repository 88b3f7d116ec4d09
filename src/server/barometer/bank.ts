// The trust barometer's question bank, written for Tillit from the seeds' seven guiding principles
// (seed 004), kan–vill–vågar, psychological safety, discretion and administrative burden. Ids are
// stable: results across rounds are compared by them. Tenants add their own items beside these.
import type { ItemKind } from "./model.ts";

export const THEMES = [
  "tillit",
  "medborgarfokus",
  "helhetssyn",
  "handlingsutrymme",
  "stod",
  "kunskap",
  "oppenhet",
  "kan_vill_vagar",
  "psychological_safety",
  "burden",
  "open",
] as const;
type Theme = (typeof THEMES)[number];

/** The seven guiding principles: the heatmap's columns. */
export const PRINCIPLES: readonly Theme[] = THEMES.slice(0, 7);

export const SCALES = ["agree", "hours"] as const;
export type Scale = (typeof SCALES)[number];
export type BankItem = {
  id: string;
  theme: Theme;
  kind: ItemKind;
  scale?: Scale;
  sv: string;
  en: string;
};

/** Labels of the five steps of each scale; every scale item also offers "don't know". */
export const SCALE_LABELS: Record<Scale, { sv: string[]; en: string[] }> = {
  agree: {
    sv: [
      "Instämmer inte alls",
      "Instämmer till liten del",
      "Instämmer delvis",
      "Instämmer till stor del",
      "Instämmer helt",
    ],
    en: ["Strongly disagree", "Disagree", "Partly agree", "Agree", "Strongly agree"],
  },
  hours: {
    sv: ["Ingen tid", "Mindre än 1 timme", "1–3 timmar", "3–6 timmar", "Mer än 6 timmar"],
    en: ["None", "Less than 1 hour", "1–3 hours", "3–6 hours", "More than 6 hours"],
  },
};
export const DONT_KNOW = { sv: "Vet inte", en: "Don't know" };

const agree = (id: string, theme: Theme, sv: string, en: string): BankItem => ({
  id,
  theme,
  kind: "scale",
  scale: "agree",
  sv,
  en,
});

export const BANK: readonly BankItem[] = [
  agree(
    "tillit.1",
    "tillit",
    "Min närmaste chef litar på att jag gör ett bra jobb.",
    "My line manager trusts me to do a good job.",
  ),
  agree(
    "tillit.2",
    "tillit",
    "Jag litar på att ledningen fattar beslut med verksamhetens bästa för ögonen.",
    "I trust the management to decide with our service's best in mind.",
  ),
  agree(
    "medborgarfokus.1",
    "medborgarfokus",
    "Vi utgår från medborgarnas behov när vi planerar vårt arbete.",
    "We start from the citizens' needs when we plan our work.",
  ),
  agree(
    "medborgarfokus.2",
    "medborgarfokus",
    "Det vi följer upp säger något om hur medborgarna har det.",
    "What we follow up tells us something about how the citizens are doing.",
  ),
  agree(
    "helhetssyn.1",
    "helhetssyn",
    "Vi samarbetar över gränser när en medborgare behöver det.",
    "We work across boundaries when a citizen needs it.",
  ),
  agree(
    "helhetssyn.2",
    "helhetssyn",
    "Jag förstår hur mitt arbete hänger ihop med andras.",
    "I understand how my work fits with others' work.",
  ),
  agree(
    "handlingsutrymme.1",
    "handlingsutrymme",
    "Jag kan själv avgöra hur jag bäst hjälper den jag möter.",
    "I can decide myself how best to help the person I meet.",
  ),
  agree(
    "handlingsutrymme.2",
    "handlingsutrymme",
    "Regler och rutiner lämnar utrymme för mitt professionella omdöme.",
    "Rules and routines leave room for my professional judgement.",
  ),
  agree(
    "stod.1",
    "stod",
    "Jag får det stöd jag behöver när arbetet är svårt.",
    "I get the support I need when the work is hard.",
  ),
  agree(
    "stod.2",
    "stod",
    "När vi ber nivån ovanför om något får vi svar i rimlig tid.",
    "When we ask the level above for something, we get an answer in reasonable time.",
  ),
  agree(
    "kunskap.1",
    "kunskap",
    "Vi lär av varandra i arbetsgruppen.",
    "We learn from each other in our team.",
  ),
  agree(
    "kunskap.2",
    "kunskap",
    "Jag har tid att hålla mig uppdaterad i mitt yrke.",
    "I have time to keep up to date in my profession.",
  ),
  agree(
    "oppenhet.1",
    "oppenhet",
    "Jag kan säga vad jag tycker utan att det får negativa följder.",
    "I can say what I think without negative consequences.",
  ),
  agree(
    "oppenhet.2",
    "oppenhet",
    "Jag vet varför beslut som rör mitt arbete fattas.",
    "I know why decisions that affect my work are made.",
  ),
  agree(
    "kvv.kan",
    "kan_vill_vagar",
    "Jag kan hjälpa medborgaren – jag har kunskap och befogenheter.",
    "I can help the citizen – I have the knowledge and the authority.",
  ),
  agree(
    "kvv.vill",
    "kan_vill_vagar",
    "Jag vill hjälpa medborgaren även när det kräver något extra.",
    "I want to help the citizen even when it takes something extra.",
  ),
  agree(
    "kvv.vagar",
    "kan_vill_vagar",
    "Jag vågar göra det som är bäst för medborgaren, även om det avviker från rutinen.",
    "I dare to do what is best for the citizen, even if it departs from routine.",
  ),
  agree(
    "trygghet.1",
    "psychological_safety",
    "Det är lätt att ta upp problem och svåra frågor i vår grupp.",
    "It is easy to raise problems and tough issues in our team.",
  ),
  agree(
    "trygghet.2",
    "psychological_safety",
    "Om jag gör ett misstag hålls det inte emot mig.",
    "If I make a mistake, it is not held against me.",
  ),
  agree(
    "trygghet.3",
    "psychological_safety",
    "Ingen i gruppen skulle medvetet undergräva mitt arbete.",
    "No one in the team would deliberately undermine my work.",
  ),
  agree(
    "borda.1",
    "burden",
    "Den dokumentation jag gör kommer till nytta för medborgarna.",
    "The documentation I do is of use to the citizens.",
  ),
  {
    id: "borda.timmar",
    theme: "burden",
    kind: "scale",
    scale: "hours",
    sv: "Hur mycket tid lade du förra veckan på dokumentation och rapportering som inte hjälpte någon medborgare?",
    en: "How much time did you spend last week on documentation and reporting that did not help any citizen?",
  },
  {
    id: "oppen.hjalp",
    theme: "open",
    kind: "text",
    sv: "Vad skulle hjälpa dig mest att göra ett bra jobb för medborgarna?",
    en: "What would help you most to do a good job for the citizens?",
  },
];
