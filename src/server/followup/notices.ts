// E-mail notices of the follow-up cycle: a request reaches the level it asks, staff are invited
// to the dialogue on an expectation, and overdue answers are reminded weekly by a recurring job.
import type { Actor } from "../core/access.ts";
import type { Db } from "../core/db.ts";
import type { JobHandler } from "../core/jobs.ts";
import { type Mailer, queueMail } from "../core/mail.ts";
import * as org from "../org/service.ts";
import { ADDRESSEE_NAMES, type Addressee, isOverdue, reminderDue } from "./model.ts";
import { ANSWERING_ROLE } from "./policy.ts";
import * as store from "./store.ts";

type Mode = Mailer["mode"];
type UnitRef = { id: string; path: string; name: string };

export const REMINDER_JOB_KIND = "followup.remind-overdue";

/** People who answer requests to a level: holders of its role in the unit or above (support: anywhere). */
function answerersOf(db: Db, tenantId: string, unit: UnitRef, addressee: Addressee) {
  const role = ANSWERING_ROLE[addressee];
  const chain = unit.path.split("/").filter(Boolean);
  return org.roleHolders(db, tenantId, role, addressee === "support" ? "anywhere" : chain);
}

export async function noticeOfRequest(db: Db, mode: Mode, actor: Actor, unit: UnitRef, row: store.ActionRow) {
  const people = await answerersOf(db, actor.tenantId, unit, row.addressee);
  for (const person of people)
    if (person.email)
      await queueMail(
        db,
        {
          tenantId: actor.tenantId,
          to: person.email,
          subject: `Begäran från ${unit.name}: ${row.title}`,
          text:
            `${actor.name} på ${unit.name} ber ${ADDRESSEE_NAMES[row.addressee].sv} om: ${row.title}\n\n` +
            `${row.description ?? ""}\n\nSvara i Tillit inom ${row.answerDays} dagar: acceptera, eller avböj och säg varför.`,
        },
        mode,
      );
}

export async function invitationToDialogue(
  db: Db,
  mode: Mode,
  actor: Actor,
  unit: UnitRef,
  row: store.ExpectationRow,
) {
  const staff = await org.unitMembers(db, unit.id);
  const emails = new Set(staff.flatMap((member) => (member.email ? [member.email] : [])));
  for (const to of emails)
    await queueMail(
      db,
      {
        tenantId: actor.tenantId,
        to,
        subject: `Förväntan att samtala om: ${row.title}`,
        text:
          `${actor.name} har lagt fram en förväntan för ${unit.name} (${row.periodStart}–${row.periodEnd}):\n\n` +
          `${row.title}\n${row.description}\n\nLäs den i Tillit, kommentera och säg om du håller med.`,
      },
      mode,
    );
}

export async function invitationToMeeting(
  db: Db,
  mode: Mode,
  actor: Actor,
  people: { email: string | null }[],
  meeting: { title: string; heldOn: string; upper: string; lower: string },
) {
  for (const person of people)
    if (person.email)
      await queueMail(
        db,
        {
          tenantId: actor.tenantId,
          to: person.email,
          subject: `Inbjudan till dialogmöte: ${meeting.title} (${meeting.heldOn})`,
          text:
            `${actor.name} bjuder in dig till dialogmötet "${meeting.title}" mellan ${meeting.upper} och ` +
            `${meeting.lower} den ${meeting.heldOn}.\n\nFörbered gärna agendans punkter i Tillit: goda exempel, ` +
            "vad som hindrar det goda mötet, medborgarnas röst och vad ni behöver av varandra.",
        },
        mode,
      );
}

/** Reminds the answering level of every overdue request, at most once a week per request. */
export async function remindOverdue(db: Db, mode: Mode, now = new Date()): Promise<{ reminded: number }> {
  const open = await store.openRequestsAll(db);
  let reminded = 0;
  for (const row of open) {
    if (!isOverdue(row, now) || !reminderDue(row.lastRemindedAt, now)) continue;
    const [unit] = await org.unitsByIds(db, row.tenantId, [row.unitId]);
    if (!unit) continue;
    await db.transaction(async (tx) => {
      for (const person of await answerersOf(tx, row.tenantId, unit, row.addressee))
        if (person.email)
          await queueMail(
            tx,
            {
              tenantId: row.tenantId,
              to: person.email,
              subject: `Påminnelse: ${unit.name} väntar på svar – ${row.title}`,
              text:
                `${unit.name} bad ${ADDRESSEE_NAMES[row.addressee].sv} om "${row.title}" för ` +
                `${Math.floor((now.getTime() - row.createdAt.getTime()) / 86_400_000)} dagar sedan och har inte fått svar.\n\n` +
                "Svara i Tillit: acceptera, eller avböj och säg varför.",
            },
            mode,
          );
      await store.markReminded(tx, row.id, now);
    });
    reminded += 1;
  }
  return { reminded };
}

export const reminderJobHandler =
  (mailer: Mailer): JobHandler =>
  ({ db }) =>
    remindOverdue(db, mailer.mode);
