// A demand on the seven dimensions of Table 1 in "Uppföljning ur ett tillitsperspektiv"
// (Bringselius 2019): each between the traditional tendency and the trust-based emphasis.
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { TrustPlacement, TrustPosition } from "../../types.ts";
import { TRUST_DIMENSIONS, TRUST_POSITIONS } from "./common.tsx";

/** The placement, read-only: per dimension both ends of the scale in the seed's words, and where the demand sits. */
export function TrustPlacementView({ trust }: { trust: TrustPlacement }) {
  const { t } = useTranslation();
  const placed = TRUST_DIMENSIONS.filter((dimension) => trust[dimension]).length;
  return (
    <>
      <p>
        {placed === 0
          ? t("inventory.trust.nonePlaced")
          : t("inventory.trust.placedCount", { count: placed, total: TRUST_DIMENSIONS.length })}
      </p>
      <ol className="trust-list">
        {TRUST_DIMENSIONS.map((dimension) => {
          const position = trust[dimension];
          return (
            <li key={dimension}>
              <h3>{t(`inventory.trust.dimensions.${dimension}.title`)}</h3>
              <div className="trust-scale">
                <p className={position === "traditional" ? "chosen" : undefined}>
                  <span className="scale-end">{t("inventory.trust.traditionalEnd")}</span>
                  {t(`inventory.trust.dimensions.${dimension}.traditional`)}
                </p>
                <p className={position === "trust" ? "chosen" : undefined}>
                  <span className="scale-end">{t("inventory.trust.trustEnd")}</span>
                  {t(`inventory.trust.dimensions.${dimension}.trust`)}
                </p>
              </div>
              <p className="trust-position">
                {t("inventory.trust.placement")}{" "}
                <strong className={`position position-${position ?? "unplaced"}`}>
                  {t(`inventory.trust.positions.${position ?? "unplaced"}`)}
                </strong>
              </p>
            </li>
          );
        })}
      </ol>
    </>
  );
}

/** The placement as radio groups in the demand form. */
export function TrustPlacementFields({
  value,
  onChange,
}: {
  value: TrustPlacement;
  onChange: (value: TrustPlacement) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="trust-fields">
      {TRUST_DIMENSIONS.map((dimension) => (
        <fieldset key={dimension} className="trust-fieldset" aria-describedby={`${id}-${dimension}-guide`}>
          <legend>{t(`inventory.trust.dimensions.${dimension}.title`)}</legend>
          <div className="trust-scale" id={`${id}-${dimension}-guide`}>
            <p>
              <span className="scale-end">{t("inventory.trust.traditionalEnd")}</span>
              {t(`inventory.trust.dimensions.${dimension}.traditional`)}
            </p>
            <p>
              <span className="scale-end">{t("inventory.trust.trustEnd")}</span>
              {t(`inventory.trust.dimensions.${dimension}.trust`)}
            </p>
          </div>
          <div className="choice-row">
            {(["", ...TRUST_POSITIONS] as const).map((position) => (
              <label key={position || "unplaced"} className="choice">
                <input
                  type="radio"
                  name={`${id}-${dimension}`}
                  checked={(value[dimension] ?? "") === position}
                  onChange={() => {
                    const next = { ...value };
                    if (position) next[dimension] = position as TrustPosition;
                    else delete next[dimension];
                    onChange(next);
                  }}
                />
                {t(`inventory.trust.positions.${position || "unplaced"}`)}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
    </div>
  );
}
