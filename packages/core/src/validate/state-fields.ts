import type { JsonObject } from '../json.js';
import type { ValidationContext } from './context.js';
import { Messages } from './messages.js';
import { otherLanguage, type QueryLanguage } from './query-language.js';

export const STATE_TYPES = ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const;
export type StateType = (typeof STATE_TYPES)[number];

export function isStateType(value: unknown): value is StateType {
  return typeof value === 'string' && (STATE_TYPES as readonly string[]).includes(value);
}

interface FieldTable {
  /** Allowed whatever the query language. */
  readonly both: readonly string[];
  readonly jsonPath: readonly string[];
  readonly jsonata: readonly string[];
}

const TRANSITION = ['Next', 'End'];
const IO_PATHS = ['InputPath', 'OutputPath'];

/**
 * Which fields each state type accepts in each query language (asl-semantics.md §1–2 field lists).
 * Measured on AWS [floci-io/floci #2735]: `TimeoutSeconds` only on Task; `Retry`/`Catch` only on
 * Task, Parallel, Map; anything else is `Field '<name>' is not supported` at the state (also
 * `ResultPath` on Wait [functionless #308]). `Assign` is accepted in both languages
 * [measured: floci #2968 keeps it out of both language-only lists] on every type except Succeed
 * and Fail (workflow-variables docs). `Result`, `ItemsPath` and the `*Path` fields are
 * JSONPath-only; `Output`, `Arguments`, `Items` JSONata-only [measured].
 */
const FIELDS: Record<StateType, FieldTable> = {
  Pass: {
    both: [...TRANSITION, 'Assign'],
    jsonPath: [...IO_PATHS, 'Parameters', 'Result', 'ResultPath'],
    jsonata: ['Output'],
  },
  Task: {
    both: [...TRANSITION, 'Assign', 'Resource', 'Retry', 'Catch', 'TimeoutSeconds', 'HeartbeatSeconds', 'Credentials'],
    jsonPath: [...IO_PATHS, 'Parameters', 'ResultSelector', 'ResultPath', 'TimeoutSecondsPath', 'HeartbeatSecondsPath'],
    jsonata: ['Arguments', 'Output'],
  },
  Choice: {
    both: ['Assign', 'Choices', 'Default'],
    jsonPath: [...IO_PATHS],
    jsonata: ['Output'],
  },
  Wait: {
    both: [...TRANSITION, 'Assign', 'Seconds', 'Timestamp'],
    jsonPath: [...IO_PATHS, 'SecondsPath', 'TimestampPath'],
    jsonata: ['Output'],
  },
  Succeed: { both: [], jsonPath: [...IO_PATHS], jsonata: ['Output'] },
  Fail: { both: ['Error', 'Cause'], jsonPath: ['ErrorPath', 'CausePath'], jsonata: [] },
  Parallel: {
    both: [...TRANSITION, 'Assign', 'Branches', 'Retry', 'Catch'],
    jsonPath: [...IO_PATHS, 'Parameters', 'ResultSelector', 'ResultPath'],
    jsonata: ['Arguments', 'Output'],
  },
  Map: {
    both: [
      ...TRANSITION,
      'Assign',
      'ItemProcessor',
      'Iterator',
      'ItemSelector',
      'Retry',
      'Catch',
      'MaxConcurrency',
      'ToleratedFailureCount',
      'ToleratedFailurePercentage',
      'ItemReader',
      'ItemBatcher',
      'ResultWriter',
      'Label',
    ],
    jsonPath: [
      ...IO_PATHS,
      'ItemsPath',
      'Parameters',
      'ResultSelector',
      'ResultPath',
      'MaxConcurrencyPath',
      'ToleratedFailureCountPath',
      'ToleratedFailurePercentagePath',
    ],
    jsonata: ['Items', 'Output'],
  },
};

const ALWAYS = ['Type', 'Comment', 'QueryLanguage'];

/** The fields of each language for a sub-object that is not a state (catchers, reader configs…). */
export interface LanguageFields {
  readonly both: readonly string[];
  readonly jsonPath: readonly string[];
  readonly jsonata: readonly string[];
}

/**
 * Reports the fields of `owner` that `table` does not allow in `language`: a field of the other
 * language gets AWS's language message, any other unknown field `Field 'X' is not supported`;
 * both at the owner [measured]. With `skipLanguage`, fields of the other language are not
 * reported at all: on a state that illegally downgrades to JSONPath AWS reports only the
 * downgrade [measured: floci-io/floci #2968].
 */
export function checkLanguageFields(
  ctx: ValidationContext,
  owner: JsonObject,
  table: LanguageFields,
  language: QueryLanguage,
  at: string,
  skipLanguage = false,
): void {
  const own = language === 'JSONPath' ? table.jsonPath : table.jsonata;
  const other = language === 'JSONPath' ? table.jsonata : table.jsonPath;
  for (const field of Object.keys(owner)) {
    if (table.both.includes(field) || own.includes(field)) continue;
    if (other.includes(field)) {
      if (!skipLanguage) ctx.schema(at, Messages.wrongQueryLanguage(language, field, otherLanguage(language)));
    } else {
      ctx.schema(at, Messages.fieldNotSupported(field));
    }
  }
}

export function checkStateFields(
  ctx: ValidationContext,
  state: JsonObject,
  type: StateType,
  language: QueryLanguage,
  at: string,
  skipLanguage: boolean,
): void {
  const table = FIELDS[type];
  checkLanguageFields(ctx, state, { ...table, both: [...ALWAYS, ...table.both] }, language, at, skipLanguage);
}

/** Whether a state of this type may carry `field` in some language (used to skip value checks). */
export function acceptsField(type: StateType, field: string, language: QueryLanguage): boolean {
  const table = FIELDS[type];
  return (
    ALWAYS.includes(field) ||
    table.both.includes(field) ||
    (language === 'JSONPath' ? table.jsonPath : table.jsonata).includes(field)
  );
}
