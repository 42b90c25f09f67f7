// `flowgate validate <definition-file>`: every problem of a definition, without running it.
import { validateStateMachine } from '@flowgate/core';
import { readTextFile } from './command-io.js';
import type { CommandIo } from './command-io.js';
import { formatDiagnostic } from './diagnostic-lines.js';
import { ExitCode } from './exit-codes.js';
import type { MachineType } from './option-parsers.js';

export interface ValidateOptions {
  readonly type: MachineType;
}

export async function validateDefinitionFile(file: string, options: ValidateOptions, io: CommandIo): Promise<ExitCode> {
  const definition = await readTextFile('definition file', file);
  const diagnostics = validateStateMachine(definition, { type: options.type });
  if (diagnostics.length === 0) {
    io.stdout('valid\n');
    return ExitCode.Ok;
  }
  for (const diagnostic of diagnostics) io.stdout(`${formatDiagnostic(diagnostic)}\n`);
  return ExitCode.Failed;
}
