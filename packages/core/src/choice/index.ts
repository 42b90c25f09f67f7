// JSONPath-mode Choice rules: compile once into predicates, evaluate many times.
export type { ChoiceCompilation, CompiledChoiceRule } from './choice-rules.js';
export { compileChoiceRules, findMatchingRule } from './choice-rules.js';
export { missingValueCause } from './operands.js';
export { OPERATOR_NAMES } from './operators.js';
export type { TimestampParts } from './timestamp.js';
export { compareTimestamps, createTimestampParts, parseTimestamp } from './timestamp.js';
