// A dialogue meeting as a record for the board's files: everything on one plain page, printed (or
// saved as PDF) from the browser. The site's header, navigation and buttons are left off the paper.
import { Link, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../format.ts";
import { CaptionedTable, Page, QueryView } from "../../ui.tsx";
import { AGENDA } from "./common.tsx";
import { MeetingFacts, useDialogue } from "./dialogue.tsx";
import type { Action, DialogueDetail } from "./types.ts";

export function DialoguePrintPage() {
  const { t } = useTranslation();
  const { dialogueId } = useParams({ from: "/app/uppfoljning/dialoger/$dialogueId/utskrift" });
  const dialogue = useDialogue(dialogueId);
  return (
    <QueryView
      query={dialogue}
      notFound={{
        title: t("followup.dialogue.notFound"),
        back: <Link to="/uppfoljning/dialoger">{t("followup.dialogue.back")}</Link>,
      }}
    >
      {(data) => <PrintView data={data} />}
    </QueryView>
  );
}

function PrintView({ data }: { data: DialogueDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const dialogueId = data.id;
  return (
    <div className="fu-print">
      <div className="fu-print-tools no-print">
        <button type="button" className="button primary" onClick={() => window.print()}>
          {t("followup.print.print")}
        </button>
        <Link to="/uppfoljning/dialoger/$dialogueId" params={{ dialogueId }}>
          {t("followup.print.back")}
        </Link>
        <p className="hint">{t("followup.print.hint")}</p>
      </div>
      <p className="eyebrow">{t("followup.print.eyebrow")}</p>
      <Page title={data.title}>
        <MeetingFacts dialogue={data} />

        {AGENDA.map((item, index) => {
          const notes = data.agenda.find((entry) => entry.item === item);
          return (
            <section key={item} className="fu-print-item" aria-labelledby={`print-${item}`}>
              <h2 id={`print-${item}`}>
                {index + 1}. {t(`followup.agenda.${item}.title`)}
              </h2>
              {item === "review_actions" ? (
                <>
                  <p>
                    {data.previous
                      ? t("followup.print.previous", {
                          title: data.previous.title,
                          date: format.day(data.previous.heldOn),
                        })
                      : t("followup.print.firstMeeting")}
                  </p>
                  {data.previousActions.length ? (
                    <ActionTable
                      actions={data.previousActions}
                      caption={t("followup.print.previousActions")}
                    />
                  ) : null}
                </>
              ) : null}
              <dl className="fu-print-notes">
                <dt>{t("followup.dialogue.prepFrom", { unit: data.upperUnitName })}</dt>
                <dd className="fu-prewrap">{notes?.upper || "–"}</dd>
                <dt>{t("followup.dialogue.prepFrom", { unit: data.lowerUnitName })}</dt>
                <dd className="fu-prewrap">{notes?.lower || "–"}</dd>
                <dt>{t("followup.dialogue.minutesOfItem")}</dt>
                <dd className="fu-prewrap">{notes?.minutes || "–"}</dd>
              </dl>
              {item === "agreements" ? (
                data.actions.length ? (
                  <ActionTable actions={data.actions} caption={t("followup.print.decisions")} />
                ) : (
                  <p>{t("followup.dialogue.noDecisions")}</p>
                )
              ) : null}
            </section>
          );
        })}

        <section className="fu-print-item" aria-labelledby="print-minutes">
          <h2 id="print-minutes">{t("followup.dialogue.minutesHeading")}</h2>
          <p className="fu-prewrap">{data.minutes || "–"}</p>
        </section>
        <p className="hint fu-print-footer">
          {t("followup.print.footer", { when: format.moment(new Date().toISOString()) })}
        </p>
      </Page>
    </div>
  );
}

function ActionTable({ actions, caption }: { actions: Action[]; caption: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <CaptionedTable caption={caption} className="fu-table">
      <thead>
        <tr>
          <th scope="col">{t("followup.print.action")}</th>
          <th scope="col">{t("followup.actions.addressedTo")}</th>
          <th scope="col">{t("followup.print.state")}</th>
          <th scope="col">{t("followup.actions.owner")}</th>
          <th scope="col">{t("followup.actions.dueOn")}</th>
        </tr>
      </thead>
      <tbody>
        {actions.map((action) => (
          <tr key={action.id}>
            <th scope="row">{action.title}</th>
            <td>{t(`followup.addressees.${action.addressee}`)}</td>
            <td>
              {t(`followup.actionStates.${action.state}`)}
              {action.declineReason ? ` – ${action.declineReason}` : ""}
            </td>
            <td>{action.ownerName ?? "–"}</td>
            <td>{action.dueOn ? format.day(action.dueOn) : "–"}</td>
          </tr>
        ))}
      </tbody>
    </CaptionedTable>
  );
}
