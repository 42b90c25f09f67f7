// `flowgate run <definition-file>`: compile a definition, run one execution with the real
// clock, print the result as `aws stepfunctions start-sync-execution` would.
import { compileStateMachine, DefinitionError, EngineError, parseExecutionInput, systemClock } from '@flowgate/core';
import type { ExecutionMode, HistorySink, Json, StartOptions, StateMachine } from '@flowgate/core';
import { createUnconfiguredTaskPort } from '../unconfigured-task-port.js';
import { readTextFile } from './command-io.js';
import type { CommandIo } from './command-io.js';
import { formatDiagnostic } from './diagnostic-lines.js';
import { toHistoryEventOutput, toStartSyncExecutionOutput } from './execution-report.js';
import { ExitCode } from './exit-codes.js';
import { machineNameFromFile } from './machine-name.js';
import type { MachineType } from './option-parsers.js';

export interface RunOptions {
  /** JSON text, `@file`, or `@-` for standard input; default `{}`. */
  readonly input?: string;
  readonly type: MachineType;
  /** The execution name; default a UUID, as AWS does. */
  readonly name?: string;
  /** Print every history event to stderr as it happens. */
  readonly history?: boolean;
}

/** Reports an invalid definition as AWS does, then each problem on its own line. */
export function reportDefinitionError(error: DefinitionError, io: CommandIo): ExitCode {
  io.stderr(`InvalidDefinition: ${error.message}\n`);
  for (const diagnostic of error.diagnostics) io.stderr(`  ${formatDiagnostic(diagnostic)}\n`);
  return ExitCode.Unusable;
}

async function readInputText(input: string | undefined, io: CommandIo): Promise<string | undefined> {
  if (input === undefined) return undefined;
  if (input === '@-') return io.readStdin();
  if (input.startsWith('@')) return readTextFile('input file', input.slice(1));
  return input;
}

/** A step that either produced its value or already reported why the command stops. */
type Step<T> = { readonly kind: 'ok'; readonly value: T } | { readonly kind: 'stop'; readonly exitCode: ExitCode };

function compile(definition: string, file: string, type: MachineType, io: CommandIo): Step<StateMachine> {
  try {
    return { kind: 'ok', value: compileStateMachine(definition, { type, name: machineNameFromFile(file) }) };
  } catch (error) {
    if (error instanceof DefinitionError) return { kind: 'stop', exitCode: reportDefinitionError(error, io) };
    throw error;
  }
}

async function readInput(options: RunOptions, io: CommandIo): Promise<Step<Json>> {
  try {
    return { kind: 'ok', value: parseExecutionInput(await readInputText(options.input, io)) };
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    io.stderr(`${error.code}: ${error.message}\n`);
    return { kind: 'stop', exitCode: ExitCode.Unusable };
  }
}

export async function runDefinitionFile(file: string, options: RunOptions, io: CommandIo): Promise<ExitCode> {
  const definition = await readTextFile('definition file', file);
  // AWS's order: CreateStateMachine rejects a bad definition before input is ever looked at.
  const machine = compile(definition, file, options.type, io);
  if (machine.kind === 'stop') return machine.exitCode;
  const input = await readInput(options, io);
  if (input.kind === 'stop') return input.exitCode;

  const mode: ExecutionMode = options.type === 'STANDARD' ? 'STANDARD' : 'EXPRESS_SYNC';
  const history: HistorySink = (event) => io.stderr(`${JSON.stringify(toHistoryEventOutput(event))}\n`);
  const startOptions: StartOptions = {
    mode,
    clock: systemClock,
    taskPort: createUnconfiguredTaskPort(),
    ...(options.name === undefined ? {} : { executionName: options.name }),
    ...(options.history === true ? { history } : {}),
    ...(io.signal === undefined ? {} : { signal: io.signal }),
  };
  const result = await machine.value.start(input.value, startOptions);
  io.stdout(`${JSON.stringify(toStartSyncExecutionOutput(result), null, 4)}\n`);
  return result.status === 'SUCCEEDED' ? ExitCode.Ok : ExitCode.Failed;
}
