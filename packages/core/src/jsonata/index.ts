// JSONata mode: expressions parsed once per definition, evaluated with AWS's additions and limits.
export type { JsonataExpression } from './expression.js';
export { compileExpression, expressionBody, isExpressionText } from './expression.js';
export type { JsonataTemplate } from './template.js';
export { compileJsonataTemplate } from './template.js';
export { StatesScope } from './scope.js';
export { fieldFailure, typeName, unexpectedType } from './failures.js';
export type { JsonataLimits } from './limits.js';
export { DEFAULT_LIMITS } from './limits.js';
