// The barometer's pages, loaded as one chunk on the first visit to any of them (module.tsx). The
// start page's notice of an open round is not among them: it is drawn on the first page.
export { HeatmapPage } from "./heatmap.tsx";
export { NewRoundPage } from "./new-round.tsx";
export { ResultsPage } from "./results.tsx";
export { RoundPage, RoundsPage } from "./rounds.tsx";
export { SettingsPage } from "./settings.tsx";
