// Structural validation of state machine definitions (the validate/ module's public surface).
export { validateDefinition, type ValidationOptions } from './validate-definition.js';
export {
  declaredQueryLanguage,
  effectiveQueryLanguage,
  isJsonataExpression,
  machineQueryLanguage,
  type QueryLanguage,
} from './query-language.js';
export { ValidationCode } from './messages.js';
export { isRfc3339Timestamp } from './rfc3339.js';
export { displayLocation, escapeSegment } from './location.js';
