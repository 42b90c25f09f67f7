// Structural validation of state machine definitions: the validate/ module's public surface.
export { validateDefinition, type ValidationOptions } from './validate-definition.js';
export {
  declaredQueryLanguage,
  effectiveQueryLanguage,
  isJsonataExpression,
  machineQueryLanguage,
  type QueryLanguage,
} from './query-language.js';
export { Messages, ValidationCode } from './messages.js';
export { isRfc3339Timestamp } from './rfc3339.js';
// AWS-style locations, for other modules that report diagnostics inside a definition.
export { childLocation, displayLocation, escapeSegment, itemLocation, ROOT_LOCATION } from './context.js';
