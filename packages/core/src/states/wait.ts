import { pointerTo } from '../compile-context.js';
import { runtimeFailure } from '../errors.js';
import type { SelectPath } from '../io-paths.js';
import { compileSelectPath } from '../io-paths.js';
import type { Json } from '../json.js';
import type { Frame } from '../run.js';
import { parseOffsetDateTime } from '../timestamp.js';
import type { IoPlan, StateSpec } from './common.js';
import { BaseState, applyAssignments, compileIo, effectiveInput, evaluateAssign } from './common.js';

type WaitFor =
  | { readonly kind: 'seconds'; readonly seconds: number }
  | { readonly kind: 'timestamp'; readonly at: number }
  | { readonly kind: 'seconds-path'; readonly source: string; readonly path: SelectPath }
  | { readonly kind: 'timestamp-path'; readonly source: string; readonly path: SelectPath };

/** Wait: InputPath → wait (Seconds, Timestamp or their Path forms) → OutputPath. */
export class WaitState extends BaseState {
  readonly type = 'Wait';
  private readonly io: IoPlan;
  private readonly waitFor: WaitFor;

  constructor(spec: StateSpec) {
    super(spec.name, spec);
    this.io = compileIo(spec, {});
    this.waitFor = compileWaitFor(spec);
  }

  execute(rawInput: Json, frame: Frame): Json | Promise<Json> {
    const sources = frame.sources(rawInput);
    const inputSources = effectiveInput(this.io, sources);
    const clock = frame.run.clock;
    const delayMs = this.delayMs(inputSources, clock.now());
    if (delayMs <= 0) return this.finish(inputSources, frame);
    // Without OutputPath and Assign the output is the effective input: the sleep resolves to it.
    if (this.io.outputPath === undefined && this.io.assign === undefined) return frame.sleep(delayMs, inputSources.input);
    return frame.sleep(delayMs).then(() => this.finish(inputSources, frame));
  }

  /** OutputPath; `Assign` reads the effective input as `$`. */
  private finish(inputSources: import('../run.js').StateSources, frame: Frame): Json {
    const { outputPath, assign } = this.io;
    const assigned = assign === undefined ? undefined : evaluateAssign(assign, inputSources, inputSources.input);
    const output = outputPath === undefined ? inputSources.input : outputPath(inputSources);
    applyAssignments(frame, assigned);
    return output;
  }

  private delayMs(sources: import('../run.js').StateSources, now: number): number {
    const waitFor = this.waitFor;
    switch (waitFor.kind) {
      case 'seconds':
        return waitFor.seconds * 1000;
      case 'timestamp':
        return waitFor.at - now;
      case 'seconds-path': {
        const value = waitFor.path === undefined ? sources.input : waitFor.path(sources);
        // AWS-observed causes: "cannot be parsed as a long value" / "references a negative value".
        if (typeof value !== 'number' || !Number.isInteger(value)) {
          throw runtimeFailure(`The SecondsPath parameter cannot be parsed as a long value: ${waitFor.source} == ${render(value)}`);
        }
        if (value < 0) throw runtimeFailure(`The SecondsPath parameter references a negative value: ${waitFor.source} == ${render(value)}`);
        return value * 1000;
      }
      case 'timestamp-path': {
        const value = waitFor.path === undefined ? sources.input : waitFor.path(sources);
        const at = typeof value === 'string' ? parseOffsetDateTime(value) : undefined;
        if (at === undefined) {
          throw runtimeFailure(
            `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${waitFor.source} == ${render(value)}`,
          );
        }
        return at - now;
      }
    }
  }
}

function compileWaitFor(spec: StateSpec): WaitFor {
  const { raw, pointer, cx } = spec;
  if (typeof raw.Seconds === 'number') return { kind: 'seconds', seconds: raw.Seconds };
  if (typeof raw.Timestamp === 'string') {
    return { kind: 'timestamp', at: parseOffsetDateTime(raw.Timestamp) ?? 0 };
  }
  if (typeof raw.SecondsPath === 'string') {
    const path = compileSelectPath(raw.SecondsPath, pointerTo(pointer, 'SecondsPath'), cx, 'SecondsPath');
    return { kind: 'seconds-path', source: raw.SecondsPath, path };
  }
  if (typeof raw.TimestampPath === 'string') {
    const path = compileSelectPath(raw.TimestampPath, pointerTo(pointer, 'TimestampPath'), cx, 'TimestampPath');
    return { kind: 'timestamp-path', source: raw.TimestampPath, path };
  }
  return { kind: 'seconds', seconds: 0 };
}

function render(value: Json): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
