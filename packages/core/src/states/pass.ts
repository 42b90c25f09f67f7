import { placeResultInFrame } from '../io-paths.js';
import type { Json } from '../json.js';
import type { Frame } from '../run.js';
import type { SizeTally } from '../template.js';
import { deepFreeze, mayHoldItsInput } from '../template.js';
import type { IoPlan, StateSpec } from './common.js';
import { BaseState, applyAssignments, compileIo, effectiveInput, evaluateAssign } from './common.js';

/**
 * Pass: InputPath → Parameters → (Result, else the Parameters output) → ResultPath → OutputPath;
 * `Assign` reads that result as `$`.
 */
export class PassState extends BaseState {
  readonly type = 'Pass';
  private readonly io: IoPlan;
  private readonly result: Json | undefined;
  /**
   * Whether ResultPath may update a fresh input in place (see placeResultInFrame): the result
   * (Result, or Parameters reading only inside `$`) never holds the input object, and no
   * Assign could keep it.
   */
  private readonly resultLeavesInputPrivate: boolean;
  /** Where Parameters reports its output's size (reused: evaluation is synchronous). */
  private readonly resultSize: SizeTally = { size: -1 };

  constructor(spec: StateSpec) {
    super(spec.name, spec);
    const raw = spec.raw;
    this.io = compileIo(spec, { parameters: 'Parameters', resultPath: true });
    this.result = raw.Result === undefined ? undefined : deepFreeze(raw.Result);
    this.resultLeavesInputPrivate =
      raw.Assign === undefined && (raw.Result !== undefined || (raw.Parameters !== undefined && !mayHoldItsInput(raw.Parameters)));
  }

  execute(rawInput: Json, frame: Frame): Json {
    const io = this.io;
    const sources = frame.sources(rawInput);
    const inputSources = effectiveInput(io, sources);
    let result: Json;
    const resultSize = this.resultSize;
    resultSize.size = -1;
    if (this.result !== undefined) result = this.result;
    else if (io.parameters !== undefined) result = io.parameters(inputSources, resultSize);
    else result = inputSources.input;
    const assigned = io.assign === undefined ? undefined : evaluateAssign(io.assign, inputSources, result);
    const placed = placeResultInFrame(frame, io.resultPath, rawInput, result, this.resultLeavesInputPrivate, resultSize.size);
    const output = io.outputPath === undefined ? placed : io.outputPath(sources.withInput(placed));
    if (assigned !== undefined) applyAssignments(frame, assigned);
    return output;
  }
}
