// The follow-up's pages, loaded as one chunk on the first visit to any of them (module.tsx).
export { DialoguePage } from "./dialogue.tsx";
export { DialoguesPage } from "./dialogues.tsx";
export { DialoguePrintPage } from "./print.tsx";
export { ResponsivenessPage } from "./responsiveness.tsx";
export { FollowupStartPage } from "./start.tsx";
export { FollowupUnitPage } from "./unit.tsx";
export { WaitingPage } from "./waiting.tsx";
