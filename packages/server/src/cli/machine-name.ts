import { basename } from 'node:path';

/**
 * A state machine name derived from its file (`order-pricing.asl.json` → `order-pricing`),
 * within AWS's rules for names: 1–80 of letters, digits, `-` and `_`.
 */
export function machineNameFromFile(file: string): string {
  const stem = basename(file).replace(/(\.asl)?\.(json|ya?ml)$/i, '');
  const name = stem.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
  return name === '' ? 'flowgate' : name;
}
