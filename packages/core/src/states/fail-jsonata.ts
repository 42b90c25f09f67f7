import { StatesFailure } from '../errors.js';
import type { Json } from '../json.js';
import { StatesScope } from '../jsonata/index.js';
import type { MaybePromise } from '../maybe-promise.js';
import { andThen } from '../maybe-promise.js';
import type { Frame } from '../run.js';
import type { StateNode } from '../state-node.js';
import type { StateSpec } from './common.js';
import { BaseState } from './common.js';
import type { ValueField } from './jsonata-fields.js';
import { compileValueField, evaluateField, isString } from './jsonata-fields.js';

/** JSONata Fail: `Error` and `Cause`, each a string or an expression that yields one. */
export class JsonataFailState extends BaseState {
  readonly type = 'Fail';
  private readonly error: ValueField | undefined;
  private readonly cause: ValueField | undefined;

  constructor(spec: StateSpec) {
    super(spec.name, spec);
    const { raw, pointer, cx } = spec;
    this.error = raw.Error === undefined ? undefined : compileValueField(raw.Error, 'Error', pointer, cx);
    this.cause = raw.Cause === undefined ? undefined : compileValueField(raw.Cause, 'Cause', pointer, cx);
  }

  execute(rawInput: Json, frame: Frame): Promise<never> | never {
    const scope = new StatesScope(frame, rawInput);
    const error: MaybePromise<string | undefined> = this.error === undefined ? undefined : evaluateField<string>(this.error, 'Error', scope, isString);
    const failed = andThen(error, (name) => {
      const cause: MaybePromise<string | undefined> = this.cause === undefined ? undefined : evaluateField<string>(this.cause, 'Cause', scope, isString);
      return andThen(cause, (text): never => {
        throw new StatesFailure(name, text);
      });
    });
    return failed as Promise<never>;
  }

  override link(_resolve: (name: string) => StateNode | null): void {
    this.next = null;
  }
}
