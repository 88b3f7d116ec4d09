// The follow-up cycle's use cases, one function per operation: each checks the policy, loads and
// validates against the model, and writes with its audit entry in one transaction. They live in
// topic files; this is the module's one face for its routes and for other modules.
export { listActions, moveAction, proposeAction, responsivenessOf } from "./action-service.ts";
export { callDialogue, dialogueDetail, listDialogues, writeDialogue } from "./dialogue-service.ts";
export {
  changeExpectation,
  draftExpectation,
  listExpectations,
  takePosition,
} from "./expectation-service.ts";
export { listEntries, saveAssignment, unitPage, writeEntry } from "./unit-service.ts";
