// One follow-up demand: what is asked, of whom, how often, what it costs, what it is used for,
// where it sits on the trust principles — and the analysis before it and the retirement after it.
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { type Format, useFormat } from "../../format.ts";
import type { DemandDetail } from "../../types.ts";
import { Page, QueryView } from "../../ui.tsx";
import { AnalysisSection } from "./analysis.tsx";
import { DemandBadges, demandQuery, InventoryNav } from "./common.tsx";
import { EstimatePrompt, frequencyText } from "./estimate.tsx";
import { TrustPlacementView } from "./trust.tsx";
import { RetirementSection, UsesSection } from "./uses.tsx";

export function DemandPage() {
  const { t } = useTranslation();
  const { demandId } = useParams({ from: "/app/inventering/krav/$demandId" });
  const demand = useQuery(demandQuery(demandId));
  return (
    <>
      <InventoryNav />
      <QueryView
        query={demand}
        notFound={{
          title: t("inventory.demand.notFound"),
          back: <Link to="/inventering">{t("inventory.demand.backToRegister")}</Link>,
        }}
      >
        {(data) => <DemandView data={data} />}
      </QueryView>
    </>
  );
}

function DemandView({ data }: { data: DemandDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const editable = data.canManage && (data.status === "draft" || data.status === "active");
  const showAnalysisFirst = data.status === "draft";
  const analysis =
    data.status === "draft" || data.analysis ? <AnalysisSection demand={data} format={format} /> : null;

  return (
    <Page title={data.title}>
      <p className="demand-meta">
        {data.code ? <span className="muted">{data.code} · </span> : null}
        <span className="muted">{t(`inventory.kinds.${data.kind}`)}</span>
        <DemandBadges demand={data} showStatus />
      </p>
      {data.description ? <p className="lead prewrap">{data.description}</p> : null}
      {data.status === "draft" ? (
        <p className="notice notice-info">{t("inventory.demand.draftNotice")}</p>
      ) : null}
      {data.status === "rejected" ? (
        <p className="notice notice-error">{t("inventory.demand.rejectedNotice")}</p>
      ) : null}
      {editable ? (
        <p>
          <Link to="/inventering/krav/$demandId/andra" params={{ demandId: data.id }} className="button">
            {t("inventory.demand.edit")}
          </Link>
        </p>
      ) : null}

      <BurdenFacts demand={data} format={format} />

      {data.canEstimate ? (
        <section aria-labelledby="estimate-heading" className="card">
          <h2 id="estimate-heading">{t("inventory.estimate.yourHeading")}</h2>
          <EstimatePrompt
            demandId={data.id}
            title={data.title}
            mine={data.estimates.mine}
            question={t("inventory.estimate.thisQuestion")}
          />
        </section>
      ) : null}

      {showAnalysisFirst ? analysis : null}
      <Flags demand={data} format={format} />
      <About demand={data} format={format} />

      <section aria-labelledby="trust-heading">
        <h2 id="trust-heading">{t("inventory.trust.heading")}</h2>
        <p>{t("inventory.trust.intro")}</p>
        <TrustPlacementView trust={data.trust} />
      </section>

      <UsesSection demand={data} format={format} />
      <RetirementSection demand={data} format={format} />
      {showAnalysisFirst ? null : analysis}
    </Page>
  );
}

function BurdenFacts({ demand, format }: { demand: DemandDetail; format: Format }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="burden-heading">
      <h2 id="burden-heading">{t("inventory.demand.burdenHeading")}</h2>
      <dl className="stats">
        <Stat label={t("inventory.fields.reporterCount")} value={format.whole(demand.reporterCount)} />
        <Stat label={t("inventory.fields.hoursPerYear")} value={format.hours(demand.hours)} />
        <Stat label={t("inventory.fields.hoursPerMonth")} value={format.hours(demand.hoursPerMonth)} />
        <Stat label={t("inventory.fields.costPerYear")} value={format.money(demand.cost)} />
      </dl>
      <p>
        {t("inventory.demand.formula", {
          minutes: format.minutes(demand.minutes.minutes),
          frequency: frequencyText(t, demand.frequencyKind, demand.frequencyPerYear, format.number),
          reporters: format.whole(demand.reporterCount),
        })}{" "}
        <MinutesSource demand={demand} />
      </p>
      {demand.reporterCount === 0 ? (
        <p className="notice notice-info">{t("inventory.demand.noReporters")}</p>
      ) : null}
    </section>
  );
}

/** Where the minutes come from: the staff's own answers, or the analyst's judgement until there are any. */
function MinutesSource({ demand, short = false }: { demand: DemandDetail; short?: boolean }) {
  const { t } = useTranslation();
  const key = demand.minutes.source === "staff" ? "sourceStaff" : "sourceAnalyst";
  return (
    <span className="minutes-source">
      {t(`inventory.demand.${key}${short ? "Short" : ""}`, { count: demand.minutes.answers })}
    </span>
  );
}

function Stat({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Flags({ demand, format }: { demand: DemandDetail; format: Format }) {
  const { t } = useTranslation();
  if (!demand.removalCandidate && !demand.duplicates.length) return null;
  return (
    <section aria-labelledby="flags-heading">
      <h2 id="flags-heading">{t("inventory.flags.heading")}</h2>
      {demand.removalCandidate ? (
        <div className="notice notice-warn">
          <h3>{t("inventory.flags.removal")}</h3>
          <p>
            {demand.lastUsedOn
              ? t("inventory.flags.removalSince", { date: format.day(demand.lastUsedOn) })
              : t("inventory.flags.removalNever")}
          </p>
        </div>
      ) : null}
      {demand.duplicates.length ? (
        <div className="notice notice-warn">
          <h3>{t("inventory.flags.duplicate")}</h3>
          <p>{t("inventory.flags.duplicateIntro")}</p>
          <ul>
            {demand.duplicates.map((duplicate) => (
              <li key={duplicate.demandId}>
                <Link to="/inventering/krav/$demandId" params={{ demandId: duplicate.demandId }}>
                  {duplicate.title}
                </Link>{" "}
                — {t("inventory.flags.sameFields", { fields: duplicate.fields.join(", ") })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function About({ demand, format }: { demand: DemandDetail; format: Format }) {
  const { t } = useTranslation();
  const none = <span className="muted">{t("inventory.demand.notGiven")}</span>;
  const rows: [string, ReactNode][] = [
    [t("inventory.fields.kind"), t(`inventory.kinds.${demand.kind}`)],
    [t("inventory.fields.purpose"), t(`inventory.purposes.${demand.purpose}`)],
    [t("inventory.fields.controlComponent"), t(`inventory.components.${demand.controlComponent}`)],
    [
      t("inventory.fields.requester"),
      demand.requester.type === "unit" ? (
        <Link key="requester" to="/enheter/$unitId" params={{ unitId: demand.requester.id }}>
          {demand.requester.name}
        </Link>
      ) : (
        demand.requester.name
      ),
    ],
    [t("inventory.fields.reporters"), demand.reportersLabel],
    [
      t("inventory.fields.frequency"),
      frequencyText(t, demand.frequencyKind, demand.frequencyPerYear, format.number),
    ],
    [
      t("inventory.fields.minutes"),
      <Fragment key="minutes">
        {format.minutes(demand.minutes.minutes)} – <MinutesSource demand={demand} short />
        {demand.minutes.source === "staff" ? (
          <span className="cell-note">
            {t("inventory.demand.analystGuess", { minutes: format.minutes(demand.minutesPerOccurrence) })}
          </span>
        ) : null}
      </Fragment>,
    ],
    [
      t("inventory.fields.hourlyCost"),
      demand.hourlyCost === null
        ? t("inventory.demand.roleCost")
        : t("inventory.demand.ownCost", { cost: format.money(demand.hourlyCost) }),
    ],
    [
      t("inventory.fields.basis"),
      demand.requiredByLaw
        ? t("inventory.demand.law", { reference: demand.legalReference ?? "" })
        : t("inventory.demand.ownDecision"),
    ],
    [t("inventory.fields.dataFields"), demand.dataFields.length ? demand.dataFields.join(", ") : none],
    [t("inventory.fields.recipients"), demand.recipients || none],
    [t("inventory.fields.decisionsInformed"), demand.decisionsInformed || none],
    [
      t("inventory.fields.period"),
      demand.startDate || demand.endDate
        ? `${demand.startDate ? format.day(demand.startDate) : "…"} – ${demand.endDate ? format.day(demand.endDate) : ""}`
        : t("inventory.demand.noPeriod"),
    ],
    [
      t("inventory.fields.registered"),
      demand.existing
        ? t("inventory.demand.registeredExisting", { when: format.moment(demand.createdAt) })
        : t("inventory.demand.registeredNew", { when: format.moment(demand.createdAt) }),
    ],
  ];
  if (demand.activatedAt) rows.push([t("inventory.fields.activatedAt"), format.moment(demand.activatedAt)]);
  return (
    <section aria-labelledby="about-heading">
      <h2 id="about-heading">{t("inventory.demand.aboutHeading")}</h2>
      <dl className="facts">
        {rows.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
