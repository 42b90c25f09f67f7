import type { Json, JsonObject } from '../json.js';
import type { Frame } from '../run.js';

/**
 * What the JSONata expressions of one state read: the reserved `$states` variable (`input`,
 * `result` after the work, `errorOutput` in a catcher, `context`) and the workflow variables
 * visible from the state's thread. One is made per state evaluation and shared by all the
 * state's fields; `$states` is built once, with the context object only when some field reads
 * it.
 */
export class StatesScope {
  private plain: JsonObject | undefined;
  private full: JsonObject | undefined;

  constructor(
    readonly frame: Frame,
    readonly input: Json,
    readonly result?: Json,
    readonly errorOutput?: Json,
  ) {}

  /** The same state after its work: `$states.result` is the result. */
  withResult(result: Json): StatesScope {
    return new StatesScope(this.frame, this.input, result);
  }

  /** The same state in a catcher: `$states.errorOutput` is the error output. */
  withErrorOutput(errorOutput: Json): StatesScope {
    return new StatesScope(this.frame, this.input, undefined, errorOutput);
  }

  /** `$states`; `withContext` adds `$states.context`. */
  states(withContext: boolean): JsonObject {
    if (withContext) {
      if (this.full === undefined) {
        this.full = this.build();
        this.full.context = this.frame.context();
      }
      return this.full;
    }
    if (this.plain === undefined) this.plain = this.full ?? this.build();
    return this.plain;
  }

  variable(name: string): Json | undefined {
    return this.frame.variable(name);
  }

  random(): number {
    return this.frame.run.random();
  }

  now(): number {
    return this.frame.run.clock.now();
  }

  private build(): JsonObject {
    const states: JsonObject = { input: this.input };
    if (this.result !== undefined) states.result = this.result;
    if (this.errorOutput !== undefined) states.errorOutput = this.errorOutput;
    return states;
  }
}
