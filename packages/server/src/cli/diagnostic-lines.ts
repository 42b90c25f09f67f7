import type { Diagnostic } from '@flowgate/core';

/** One line per problem: `/States/Wait/Seconds: SCHEMA_VALIDATION_FAILED: <AWS's words>`. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  // An empty pointer is the whole document (AWS then names no location).
  const where = diagnostic.pointer === '' ? '(definition)' : diagnostic.pointer;
  return `${where}: ${diagnostic.code}: ${diagnostic.message}`;
}
