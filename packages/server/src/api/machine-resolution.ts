import type { Json, StateMachine } from '@flowgate/core';
import type { RevisionRecord, StateMachineRecord } from '@flowgate/store';
import { CompiledMachines } from '../executor/compiled-machines.js';
import type { ExecutionRequest } from '../executor/executor.js';
import type { StateMachineRef } from './arn.js';
import { parseStateMachineArn } from './arn.js';
import { machineDeleting, machineDoesNotExist } from './errors.js';
import { loggingSettingsOf } from './machine-configuration.js';
import type { ServiceContext } from './service-context.js';

/** What a start request's ARN (unqualified, version or alias) resolves to. */
export interface ResolvedMachine {
  readonly machine: StateMachineRecord;
  readonly revision: RevisionRecord;
  readonly compiled: StateMachine;
  readonly snapshotKey: string;
  readonly stateMachineVersionArn?: string;
  readonly stateMachineAliasArn?: string;
}

/**
 * versions-aliases.md §4: an unqualified ARN runs the latest revision; a version ARN runs that
 * version; an alias ARN picks one of its (at most two) versions by weight at each start.
 */
export async function resolveForStart(context: ServiceContext, arn: string, random: () => number = Math.random): Promise<ResolvedMachine> {
  const ref = parsedStartArn(arn);
  const machine = await context.records.stateMachine(ref.machineArn);
  if (machine === undefined) throw machineDoesNotExist(arn);
  if (machine.status === 'DELETING') throw machineDeleting(machine.arn);
  if (ref.kind === 'machine') return resolvedOf(context, machine, machine, machine.revision);
  const versionArn = ref.kind === 'alias' ? await aliasRoute(context, ref.arn, arn, random) : ref.arn;
  const version = await context.records.version(versionArn);
  if (version === undefined) throw machineDoesNotExist(arn);
  const resolved = resolvedOf(context, version, machine, version.revision, versionArn);
  return ref.kind === 'alias' ? { ...resolved, stateMachineAliasArn: ref.arn } : resolved;
}

async function aliasRoute(context: ServiceContext, aliasArn: string, requested: string, random: () => number): Promise<string> {
  const alias = await context.records.alias(aliasArn);
  if (alias === undefined) throw machineDoesNotExist(requested);
  return pickRoute(alias.routingConfiguration, random);
}

// Starts name few distinct ARNs; parsing one is pure, so each is parsed once (bounded).
const parsedStartArns = new Map<string, StateMachineRef>();

function parsedStartArn(arn: string): StateMachineRef {
  let ref = parsedStartArns.get(arn);
  if (ref === undefined) {
    ref = parseStateMachineArn(arn);
    if (parsedStartArns.size >= 10_000) parsedStartArns.clear();
    parsedStartArns.set(arn, ref);
  }
  return ref;
}

/**
 * What a start resolves to, kept beside the record it came from (a machine for unqualified
 * starts, a version otherwise). The record cache hands out the same record object until it
 * reloads it, so a busy machine resolves without building anything; the entry goes with the
 * record.
 */
const resolvedByRecord = new WeakMap<object, ResolvedMachine>();

function resolvedOf(
  context: ServiceContext,
  source: object,
  machine: StateMachineRecord,
  revision: RevisionRecord,
  versionArn?: string,
): ResolvedMachine {
  const cached = resolvedByRecord.get(source);
  if (cached !== undefined && cached.machine === machine) return cached;
  const snapshotKey = CompiledMachines.keyOf(machine, revision);
  const resolved: ResolvedMachine = {
    machine,
    revision,
    compiled: context.machines.get(snapshotKey, machine, revision),
    snapshotKey,
    ...(versionArn === undefined ? {} : { stateMachineVersionArn: versionArn }),
  };
  resolvedByRecord.set(source, resolved);
  return resolved;
}

/** Draws r in [0, 100): the first route takes r < its weight, the second the rest. */
export function pickRoute(routes: readonly { stateMachineVersionArn: string; weight: number }[], random: () => number): string {
  const [first, second] = routes;
  if (first === undefined) throw new Error('An alias always has at least one route');
  if (second === undefined) return first.stateMachineVersionArn;
  return random() * 100 < first.weight ? first.stateMachineVersionArn : second.stateMachineVersionArn;
}

/** What a front door (the API, the gateway, a parent workflow) says about one start. */
export interface StartDetails {
  readonly mode: ExecutionRequest['mode'];
  readonly input: Json;
  readonly inputText: string;
  readonly name?: string;
  readonly traceHeader?: string;
  readonly watchCaller?: ExecutionRequest['watchCaller'];
  readonly taskPortOverride?: ExecutionRequest['taskPortOverride'];
}

/** The executor's request for a start of a resolved machine: one place for every front door. */
export function executionRequestOf(resolved: ResolvedMachine, start: StartDetails): ExecutionRequest {
  const request: { -readonly [K in keyof ExecutionRequest]: ExecutionRequest[K] } = {
    machine: resolved.compiled,
    stateMachineArn: resolved.machine.arn,
    type: resolved.machine.type,
    mode: start.mode,
    input: start.input,
    inputText: start.inputText,
    roleArn: resolved.revision.roleArn,
    snapshotKey: resolved.snapshotKey,
    logging: loggingSettingsOf(resolved.revision.loggingConfiguration),
  };
  if (start.name !== undefined) request.name = start.name;
  if (start.traceHeader !== undefined) request.traceHeader = start.traceHeader;
  if (resolved.stateMachineVersionArn !== undefined) request.stateMachineVersionArn = resolved.stateMachineVersionArn;
  if (resolved.stateMachineAliasArn !== undefined) request.stateMachineAliasArn = resolved.stateMachineAliasArn;
  if (start.watchCaller !== undefined) request.watchCaller = start.watchCaller;
  if (start.taskPortOverride !== undefined) request.taskPortOverride = start.taskPortOverride;
  return request;
}
