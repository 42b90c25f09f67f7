import type { Json } from '../json.js';
import { StatesScope, fieldFailure } from '../jsonata/index.js';
import type { MaybePromise } from '../maybe-promise.js';
import { andThen } from '../maybe-promise.js';
import type { Frame } from '../run.js';
import { parseOffsetDateTime } from '../timestamp.js';
import type { StateSpec } from './common.js';
import { BaseState } from './common.js';
import type { Completion, ValueField } from './jsonata-fields.js';
import { compileCompletion, compileValueField, complete, evaluateField, integerAtLeast } from './jsonata-fields.js';

/**
 * JSONata Wait: `Seconds` (a non-negative integer) or `Timestamp` (an RFC 3339 string), each a
 * literal or an expression; then `Output` (default: the input) and `Assign`.
 */
export class JsonataWaitState extends BaseState {
  readonly type = 'Wait';
  private readonly seconds: ValueField | undefined;
  private readonly timestamp: ValueField | undefined;
  private readonly completion: Completion;

  constructor(spec: StateSpec) {
    super(spec.name, spec);
    const { raw, pointer, cx } = spec;
    this.seconds = raw.Seconds === undefined ? undefined : compileValueField(raw.Seconds, 'Seconds', pointer, cx);
    this.timestamp = raw.Timestamp === undefined ? undefined : compileValueField(raw.Timestamp, 'Timestamp', pointer, cx);
    this.completion = compileCompletion(raw, '', pointer, cx);
  }

  execute(rawInput: Json, frame: Frame): Json | Promise<Json> {
    const scope = new StatesScope(frame, rawInput);
    return andThen(this.delayMs(scope, frame), (delayMs) => {
      if (delayMs <= 0) return complete(this.completion, scope, rawInput);
      return frame.sleep(delayMs).then(() => complete(this.completion, scope, rawInput));
    });
  }

  private delayMs(scope: StatesScope, frame: Frame): MaybePromise<number> {
    if (this.seconds !== undefined) {
      return andThen(evaluateField<number>(this.seconds, 'Seconds', scope, integerAtLeast(0)), (seconds) => seconds * 1000);
    }
    if (this.timestamp === undefined) return 0;
    const timestamp = this.timestamp;
    const value: MaybePromise<Json> = timestamp.kind === 'literal' ? timestamp.value : timestamp.expression.evaluate(scope);
    return andThen(value, (text) => {
      const at = typeof text === 'string' ? parseOffsetDateTime(text) : undefined;
      if (at === undefined) {
        // AWS-recorded cause (States.QueryEvaluationError), the value as written.
        throw fieldFailure(
          scope,
          'Timestamp',
          `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${typeof text === 'string' ? text : JSON.stringify(text)}`,
        );
      }
      return at - frame.run.clock.now();
    });
  }
}
