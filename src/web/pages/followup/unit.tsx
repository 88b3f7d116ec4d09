// A unit's follow-up page: its assignment, the expectations agreed in dialogue, good examples beside
// problems, the entry form, and the actions on every level of the chain with the form for a new
// action or upward request. The four elements of seed 000 on one page.
import { useMutation, useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrors, get, put } from "../../api.ts";
import { useFormat } from "../../format.ts";
import {
  Breadcrumb,
  EmptyState,
  ErrorMessage,
  Page,
  QueryView,
  SuccessMessage,
  TextAreaField,
  useFocusInvalid,
} from "../../ui.tsx";
import { ActionsByAddressee, NewActionForm } from "./actions.tsx";
import { FollowupNav, followupKeys, Prose, TimeHint, useRefreshFollowup } from "./common.tsx";
import { EntryForm, OtherEntries, SideBySide } from "./entries.tsx";
import { ExpectationCard, ExpectationForm } from "./expectations.tsx";
import type { Assignment, Expectation, UnitFollowup } from "./types.ts";

/** The server's limit on the assignment's texts (followup/schemas.ts). */
const TEXT_MAX = 4000;

/** Expectations in the order they need attention: in dialogue, drafts, agreed; closed ones last. */
const EXPECTATION_ORDER = { dialogue: 0, draft: 1, agreed: 2, closed: 3 } as const;

export function FollowupUnitPage() {
  const { t } = useTranslation();
  const { unitId } = useParams({ from: "/app/uppfoljning/enhet/$unitId" });
  const page = useQuery({
    queryKey: followupKeys.unit(unitId),
    queryFn: () => get<UnitFollowup>(`/api/followup/units/${unitId}`),
  });
  return (
    <>
      <FollowupNav />
      <QueryView
        query={page}
        notFound={{
          title: t("followup.unit.notFound"),
          back: <Link to="/uppfoljning">{t("followup.unit.back")}</Link>,
        }}
      >
        {(data) => <UnitFollowupView unitId={unitId} data={data} />}
      </QueryView>
    </>
  );
}

function UnitFollowupView({ unitId, data }: { unitId: string; data: UnitFollowup }) {
  const { t } = useTranslation();
  const expectations = [...data.expectations].sort(
    (a, b) => EXPECTATION_ORDER[a.state] - EXPECTATION_ORDER[b.state] || a.title.localeCompare(b.title, "sv"),
  );
  const open = expectations.filter((e) => e.state !== "closed");
  const closed = expectations.filter((e) => e.state === "closed");
  const waitingUp = data.actions.filter((a) => a.upward && a.state === "proposed");

  return (
    <>
      <Breadcrumb label={t("followup.breadcrumb")}>
        <li>
          <Link to="/uppfoljning">{t("followup.nav.start")}</Link>
        </li>
        <li>
          <Link to="/enheter/$unitId" params={{ unitId }}>
            {data.unit.name}
          </Link>
        </li>
      </Breadcrumb>
      <Page title={t("followup.unit.title", { unit: data.unit.name })} intro={t("followup.unit.intro")}>
        <ul className="fu-links">
          <li>
            <Link to="/uppfoljning/dialoger" search={{ enhet: unitId }}>
              {t("followup.unit.dialoguesLink")}
            </Link>
          </li>
          <li>
            <Link to="/uppfoljning/svarstider" search={{ enhet: unitId }}>
              {t("followup.unit.responsivenessLink")}
            </Link>
          </li>
          <li>
            <Link to="/enheter/$unitId" params={{ unitId }}>
              {t("followup.unit.unitLink")}
            </Link>
          </li>
        </ul>

        <dl className="fu-stats">
          <div className="fu-stat">
            <dt>{t("followup.unit.statAgreed")}</dt>
            <dd>{data.expectations.filter((e) => e.state === "agreed").length}</dd>
          </div>
          <div className="fu-stat">
            <dt>{t("followup.unit.statDialogue")}</dt>
            <dd>{data.expectations.filter((e) => e.state === "dialogue").length}</dd>
          </div>
          <div className="fu-stat">
            <dt>{t("followup.unit.statGood")}</dt>
            <dd>{data.goodExamples.length}</dd>
          </div>
          <div className="fu-stat">
            <dt>{t("followup.unit.statProblems")}</dt>
            <dd>{data.problems.length}</dd>
          </div>
          <div className="fu-stat">
            <dt>{t("followup.unit.statWaiting")}</dt>
            <dd>{waitingUp.length}</dd>
          </div>
        </dl>

        <AssignmentSection data={data} />

        <section aria-labelledby="expectations-heading">
          <h2 id="expectations-heading">{t("followup.expectations.heading")}</h2>
          <p className="fu-section-intro">{t("followup.expectations.intro")}</p>
          {open.length ? (
            <ul className="fu-cards">
              {open.map((expectation) => (
                <li key={expectation.id}>
                  <ExpectationCard expectation={expectation} />
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState title={t("followup.expectations.emptyTitle")}>
              {data.canEditAssignment
                ? t("followup.expectations.emptyEmployer")
                : t("followup.expectations.emptyStaff")}
            </EmptyState>
          )}
          {closed.length ? <ClosedExpectations expectations={closed} /> : null}
          {data.canEditAssignment ? (
            <details className="card fu-new" open={!data.expectations.length}>
              <summary>{t("followup.expectations.newHeading")}</summary>
              <ExpectationForm unitId={unitId} />
            </details>
          ) : null}
        </section>

        <section aria-labelledby="entries-heading">
          <h2 id="entries-heading">{t("followup.entries.heading")}</h2>
          <p className="fu-section-intro">{t("followup.entries.intro")}</p>
          <SideBySide
            goodExamples={data.goodExamples}
            problems={data.problems}
            expectations={data.expectations}
          />
          <OtherEntries unitId={unitId} expectations={data.expectations} />
          {data.canWrite ? (
            <details className="card fu-new">
              <summary>{t("followup.entries.newHeading")}</summary>
              <EntryForm unitId={unitId} expectations={data.expectations} />
            </details>
          ) : null}
        </section>

        <section aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t("followup.actions.heading")}</h2>
          <p className="fu-section-intro">{t("followup.actions.intro")}</p>
          {data.actions.length ? (
            <ActionsByAddressee actions={data.actions} />
          ) : (
            <EmptyState title={t("followup.actions.emptyTitle")}>
              {data.canWrite ? t("followup.actions.emptyWriter") : t("followup.actions.emptyReader")}
            </EmptyState>
          )}
          {data.canWrite ? (
            <details className="card fu-new">
              <summary>{t("followup.actions.newHeading")}</summary>
              <NewActionForm
                units={[data.unit]}
                entries={[...data.goodExamples, ...data.problems]}
                intro={t("followup.actions.newIntro")}
              />
            </details>
          ) : null}
        </section>
      </Page>
    </>
  );
}

function ClosedExpectations({ expectations }: { expectations: Expectation[] }) {
  const { t } = useTranslation();
  return (
    <details className="fu-closed">
      <summary>{t("followup.expectations.closedHeading", { count: expectations.length })}</summary>
      <ul className="fu-cards">
        {expectations.map((expectation) => (
          <li key={expectation.id}>
            <ExpectationCard expectation={expectation} />
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The unit's assignment: purpose, whom it serves, what creates value in the meeting, and its frame. */
function AssignmentSection({ data }: { data: UnitFollowup }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const assignment = data.assignment;
  return (
    <section aria-labelledby="assignment-heading">
      <h2 id="assignment-heading">{t("followup.assignment.heading")}</h2>
      {saved ? <SuccessMessage>{t("followup.assignment.saved")}</SuccessMessage> : null}
      {assignment ? (
        <div className="card fu-assignment">
          <dl className="fu-assignment-list">
            <div>
              <dt>{t("followup.assignment.purpose")}</dt>
              <dd>
                <Prose text={assignment.purpose} />
              </dd>
            </div>
            <div>
              <dt>{t("followup.assignment.citizens")}</dt>
              <dd>
                {assignment.citizens ? (
                  <Prose text={assignment.citizens} />
                ) : (
                  <span className="muted">–</span>
                )}
              </dd>
            </div>
            <div>
              <dt>{t("followup.assignment.valueInTheMeeting")}</dt>
              <dd>
                {assignment.valueInTheMeeting ? (
                  <Prose text={assignment.valueInTheMeeting} />
                ) : (
                  <span className="muted">–</span>
                )}
              </dd>
            </div>
            <div>
              <dt>{t("followup.assignment.frame")}</dt>
              <dd>
                {assignment.frame ? <Prose text={assignment.frame} /> : <span className="muted">–</span>}
              </dd>
            </div>
          </dl>
          <p className="hint">
            {t("followup.assignment.updated", {
              name: assignment.updatedByName ?? t("followup.unknownPerson"),
              when: format.moment(assignment.updatedAt),
            })}
          </p>
        </div>
      ) : (
        <EmptyState title={t("followup.assignment.emptyTitle")}>
          {data.canEditAssignment
            ? t("followup.assignment.emptyEmployer")
            : t("followup.assignment.emptyStaff")}
        </EmptyState>
      )}
      {data.canEditAssignment ? (
        <details
          className="card fu-new"
          open={editing || !assignment}
          onToggle={(e) => setEditing(e.currentTarget.open)}
        >
          <summary>{assignment ? t("followup.assignment.edit") : t("followup.assignment.write")}</summary>
          <AssignmentForm
            unitId={data.unit.id}
            assignment={assignment}
            onSaved={() => {
              setSaved(true);
              setEditing(false);
            }}
          />
        </details>
      ) : null}
    </section>
  );
}

function AssignmentForm({
  unitId,
  assignment,
  onSaved,
}: {
  unitId: string;
  assignment: Assignment | null;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshFollowup();
  const [purpose, setPurpose] = useState(assignment?.purpose ?? "");
  const [citizens, setCitizens] = useState(assignment?.citizens ?? "");
  const [valueInTheMeeting, setValue] = useState(assignment?.valueInTheMeeting ?? "");
  const [frame, setFrame] = useState(assignment?.frame ?? "");
  const save = useMutation({
    mutationFn: () =>
      put<Assignment>(`/api/followup/units/${unitId}/assignment`, {
        purpose,
        citizens: citizens.trim() || null,
        valueInTheMeeting: valueInTheMeeting.trim() || null,
        frame: frame.trim() || null,
      }),
    onSuccess: () => {
      void refresh();
      onSaved();
    },
  });
  const errors = fieldErrors(save.error);
  const formRef = useFocusInvalid(save.error);
  const labels = {
    purpose: t("followup.assignment.purpose"),
    citizens: t("followup.assignment.citizens"),
    valueInTheMeeting: t("followup.assignment.valueInTheMeeting"),
    frame: t("followup.assignment.frame"),
  };
  return (
    <form
      ref={formRef}
      className="form fu-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <TimeHint text={t("followup.assignment.time")} />
      <TextAreaField
        label={labels.purpose}
        hint={t("followup.assignment.purposeHint")}
        value={purpose}
        onChange={setPurpose}
        error={errors.purpose}
        maxLength={TEXT_MAX}
        required
      />
      <TextAreaField
        label={labels.citizens}
        hint={t("followup.assignment.citizensHint")}
        value={citizens}
        onChange={setCitizens}
        error={errors.citizens}
        maxLength={TEXT_MAX}
        rows={2}
      />
      <TextAreaField
        label={labels.valueInTheMeeting}
        hint={t("followup.assignment.valueHint")}
        value={valueInTheMeeting}
        onChange={setValue}
        error={errors.valueInTheMeeting}
        maxLength={TEXT_MAX}
      />
      <TextAreaField
        label={labels.frame}
        hint={t("followup.assignment.frameHint")}
        value={frame}
        onChange={setFrame}
        error={errors.frame}
        maxLength={TEXT_MAX}
      />
      <ErrorMessage error={save.error} fields={labels} />
      <button type="submit" className="button primary" disabled={save.isPending}>
        {t("followup.assignment.save")}
      </button>
    </form>
  );
}
