import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Defaults that only make sense in a clone of the repository: this file is compiled from
// packages/server/src/ to packages/server/dist/, both three levels below the root.
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** `$FLOWGATE_CONFORMANCE_CASES`, else `shared/conformance/cases` beside the clone. */
export function defaultConformanceCasesDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.FLOWGATE_CONFORMANCE_CASES;
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  return resolve(REPO_ROOT, '..', 'shared', 'conformance', 'cases');
}
