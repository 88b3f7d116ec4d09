// What a demand's information was used for, and retiring a demand nobody needs: the two halves
// of "slentrianmässiga mätningar … måste upphöra".
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrors, post } from "../../api.ts";
import { type Format, todayInSweden } from "../../format.ts";
import type { DemandDetail, Retirement } from "../../types.ts";
import {
  CaptionedTable,
  EmptyState,
  ErrorMessage,
  RadioGroup,
  SelectField,
  SuccessMessage,
  TextAreaField,
  TextField,
} from "../../ui.tsx";
import { USE_KINDS } from "./common.tsx";
import { inventoryKeys } from "./keys.ts";

/** The server's limits on the texts (inventory/schemas.ts). */
const DESCRIPTION_MAX = 2000;
const REASON_MAX = 2000;

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: inventoryKeys.all });
}

export function UsesSection({ demand, format }: { demand: DemandDetail; format: Format }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="uses-heading">
      <h2 id="uses-heading">{t("inventory.uses.heading")}</h2>
      <p>{t("inventory.uses.intro")}</p>
      {demand.uses.length ? (
        <CaptionedTable caption={t("inventory.uses.tableLabel")} showTitle={false}>
          <thead>
            <tr>
              <th scope="col">{t("inventory.uses.usedOn")}</th>
              <th scope="col">{t("inventory.uses.kind")}</th>
              <th scope="col">{t("inventory.uses.description")}</th>
              <th scope="col">{t("inventory.uses.recordedBy")}</th>
            </tr>
          </thead>
          <tbody>
            {demand.uses.map((use) => (
              <tr key={use.id}>
                <td className="nowrap">{format.day(use.usedOn)}</td>
                <td>{t(`inventory.useKinds.${use.kind}`, { defaultValue: use.kind })}</td>
                <td className="prewrap">{use.description}</td>
                <td>
                  {use.source === "manual"
                    ? (use.recordedByName ?? t("inventory.unknownPerson"))
                    : t("inventory.uses.automatic", { source: use.source })}
                </td>
              </tr>
            ))}
          </tbody>
        </CaptionedTable>
      ) : (
        <EmptyState title={t("inventory.uses.none")}>
          {demand.canRecordUse ? t("inventory.uses.noneHelpRecord") : t("inventory.uses.noneHelp")}
        </EmptyState>
      )}
      {demand.canRecordUse && demand.status !== "rejected" ? <RecordUse demand={demand} /> : null}
    </section>
  );
}

function RecordUse({ demand }: { demand: DemandDetail }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [kind, setKind] = useState<string>("decision");
  const [description, setDescription] = useState("");
  const [usedOn, setUsedOn] = useState(todayInSweden());
  const [tried, setTried] = useState(false);
  const record = useMutation({
    mutationFn: () =>
      post(`/api/inventory/demands/${demand.id}/uses`, {
        kind,
        description: description.trim(),
        usedOn: usedOn || undefined,
      }),
    onSuccess: () => {
      setDescription("");
      setTried(false);
      void invalidate();
    },
  });
  const errors = fieldErrors(record.error);
  const labels = {
    kind: t("inventory.uses.kind"),
    description: t("inventory.uses.description"),
    usedOn: t("inventory.uses.usedOn"),
  };
  return (
    <form
      className="form card"
      aria-labelledby="record-use-heading"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (description.trim()) record.mutate();
      }}
    >
      <h3 id="record-use-heading">{t("inventory.uses.record")}</h3>
      <SelectField
        label={labels.kind}
        error={errors.kind}
        value={kind}
        onChange={setKind}
        options={USE_KINDS.map((value) => [value, t(`inventory.useKinds.${value}`)])}
      />
      <TextAreaField
        label={labels.description}
        hint={t("inventory.uses.descriptionHint")}
        error={tried && !description.trim() ? t("inventory.uses.descriptionRequired") : errors.description}
        required
        maxLength={DESCRIPTION_MAX}
        value={description}
        onChange={setDescription}
      />
      <TextField
        label={labels.usedOn}
        error={errors.usedOn}
        type="date"
        max={todayInSweden()}
        value={usedOn}
        onChange={setUsedOn}
      />
      <ErrorMessage error={record.error} fields={labels} />
      {record.isSuccess ? <SuccessMessage>{t("inventory.uses.recorded")}</SuccessMessage> : null}
      <button type="submit" className="button" disabled={record.isPending}>
        {t("inventory.uses.save")}
      </button>
    </form>
  );
}

export function RetirementSection({ demand, format }: { demand: DemandDetail; format: Format }) {
  const { t } = useTranslation();
  const open = demand.retirements.find((item) => item.status === "proposed");
  const canPropose = demand.status === "active" && !open && demand.canRecordUse;
  if (!demand.retirements.length && !canPropose && demand.status !== "active") return null;
  return (
    <section aria-labelledby="retirement-heading">
      <h2 id="retirement-heading">{t("inventory.retirement.heading")}</h2>
      {demand.status === "retired" ? (
        <p className="notice notice-success">
          {t("inventory.retirement.retired", {
            date: demand.endDate ? format.day(demand.endDate) : "",
          })}
        </p>
      ) : (
        <p>{t("inventory.retirement.intro")}</p>
      )}
      {demand.retirements.length ? (
        <ul className="plain-list retirements">
          {demand.retirements.map((item) => (
            <li key={item.id} className="card">
              <RetirementShown retirement={item} format={format} />
              {item.status === "proposed" && demand.canDecide ? <DecideRetirement retirement={item} /> : null}
              {item.status === "proposed" && !demand.canDecide ? (
                <p className="muted">{t("inventory.retirement.waiting")}</p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {canPropose ? <ProposeRetirement demand={demand} format={format} /> : null}
      {demand.status === "active" && !open && !demand.canRecordUse && !demand.retirements.length ? (
        <p className="muted">{t("inventory.retirement.whoMayPropose")}</p>
      ) : null}
    </section>
  );
}

function RetirementShown({ retirement, format }: { retirement: Retirement; format: Format }) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        <span className={`badge badge-retirement-${retirement.status}`}>
          {t(`inventory.retirement.status.${retirement.status}`)}
        </span>{" "}
        {t("inventory.retirement.proposedBy", {
          name: retirement.proposedByName ?? t("inventory.unknownPerson"),
          when: format.moment(retirement.proposedAt),
        })}
      </p>
      <p className="prewrap">{retirement.reason}</p>
      {retirement.decidedAt ? (
        <p>
          {t(`inventory.retirement.decided.${retirement.status}`, {
            name: retirement.decidedByName ?? t("inventory.unknownPerson"),
            when: format.moment(retirement.decidedAt),
          })}
          {retirement.decisionReason ? ` ${retirement.decisionReason}` : ""}
        </p>
      ) : null}
      {retirement.status === "approved" && retirement.freedHours !== null ? (
        <p className="freed">
          <strong>
            {t("inventory.retirement.freed", {
              hours: format.hours(retirement.freedHours),
              cost: format.money(retirement.freedCost ?? 0),
            })}
          </strong>
        </p>
      ) : null}
    </>
  );
}

function ProposeRetirement({ demand, format }: { demand: DemandDetail; format: Format }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const propose = useMutation({
    mutationFn: () =>
      post<Retirement>(`/api/inventory/demands/${demand.id}/retirements`, { reason: reason.trim() }),
    onSuccess: () => {
      setReason("");
      setTried(false);
      void invalidate();
    },
  });
  return (
    <form
      className="form card"
      aria-labelledby="propose-heading"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (reason.trim()) propose.mutate();
      }}
    >
      <h3 id="propose-heading">{t("inventory.retirement.propose")}</h3>
      <p>
        {t("inventory.retirement.wouldFree", {
          hours: format.hours(demand.hours),
          cost: format.money(demand.cost),
        })}
      </p>
      <TextAreaField
        label={t("inventory.retirement.reason")}
        hint={
          demand.removalCandidate
            ? t("inventory.retirement.reasonHintUnused")
            : t("inventory.retirement.reasonHint")
        }
        error={
          tried && !reason.trim()
            ? t("inventory.retirement.reasonRequired")
            : fieldErrors(propose.error).reason
        }
        required
        maxLength={REASON_MAX}
        value={reason}
        onChange={setReason}
      />
      <ErrorMessage error={propose.error} fields={{ reason: t("inventory.retirement.reason") }} />
      <button type="submit" className="button" disabled={propose.isPending}>
        {t("inventory.retirement.proposeButton")}
      </button>
    </form>
  );
}

function DecideRetirement({ retirement }: { retirement: Retirement }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [to, setTo] = useState<"approved" | "declined" | "">("");
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const decide = useMutation({
    mutationFn: () =>
      post<Retirement>(`/api/inventory/retirements/${retirement.id}/decision`, {
        to,
        reason: reason.trim() || null,
      }),
    onSuccess: () => void invalidate(),
  });
  const reasonMissing = tried && to === "declined" && !reason.trim();
  const errors = fieldErrors(decide.error);
  const labels = {
    to: t("inventory.retirement.decideQuestion"),
    reason: t("inventory.retirement.decisionReason"),
  };
  return (
    <form
      className="form"
      aria-label={t("inventory.retirement.decideLabel")}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (to && !(to === "declined" && !reason.trim())) decide.mutate();
      }}
    >
      <RadioGroup
        legend={labels.to}
        error={tried && !to ? t("inventory.analysis.chooseDecision") : errors.to}
        value={to}
        onChange={setTo}
        options={[
          { value: "approved", label: t("inventory.retirement.approve") },
          { value: "declined", label: t("inventory.retirement.decline") },
        ]}
      />
      <TextAreaField
        label={labels.reason}
        hint={t("inventory.retirement.decisionReasonHint")}
        error={reasonMissing ? t("inventory.retirement.declineReasonRequired") : errors.reason}
        maxLength={REASON_MAX}
        value={reason}
        onChange={setReason}
      />
      <ErrorMessage error={decide.error} fields={labels} />
      <button type="submit" className="button primary" disabled={decide.isPending}>
        {t("inventory.retirement.decide")}
      </button>
    </form>
  );
}
