import { placeResultInFrame } from '../io-paths.js';
import type { Json } from '../json.js';
import type { Frame } from '../run.js';
import { deepFreeze } from '../template.js';
import type { IoPlan, StateSpec } from './common.js';
import { BaseState, compileIo, effectiveInput } from './common.js';

/** Pass: InputPath → Parameters → (Result, else the Parameters output) → ResultPath → OutputPath. */
export class PassState extends BaseState {
  readonly type = 'Pass';
  private readonly io: IoPlan;
  private readonly result: Json | undefined;

  constructor(spec: StateSpec) {
    super(spec.name, spec);
    this.io = compileIo(spec, { parameters: 'Parameters', resultPath: true });
    this.result = spec.raw.Result === undefined ? undefined : deepFreeze(spec.raw.Result);
  }

  execute(rawInput: Json, frame: Frame): Json {
    const io = this.io;
    const sources = frame.sources(rawInput);
    const inputSources = effectiveInput(io, sources);
    let result: Json;
    if (this.result !== undefined) result = this.result;
    else if (io.parameters !== undefined) result = io.parameters(inputSources);
    else result = inputSources.input;
    const placed = placeResultInFrame(frame, io.resultPath, rawInput, result);
    return io.outputPath === undefined ? placed : io.outputPath(sources.withInput(placed));
  }
}
