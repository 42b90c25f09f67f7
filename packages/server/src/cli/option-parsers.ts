// Value parsers for commander options; each throws commander's own error so that a bad value
// is reported like any other usage error.
import { InvalidArgumentError } from 'commander';

/** For repeatable options: `--category a --category b` → `['a', 'b']`. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function parsePositiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

export function parsePositiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number greater than 0');
  return n;
}

export type MachineType = 'STANDARD' | 'EXPRESS';

/** `standard` and `STANDARD` alike, as the AWS CLI accepts either. */
export function parseMachineType(value: string): MachineType {
  const upper = value.toUpperCase();
  if (upper !== 'STANDARD' && upper !== 'EXPRESS') throw new InvalidArgumentError('expected STANDARD or EXPRESS');
  return upper;
}
