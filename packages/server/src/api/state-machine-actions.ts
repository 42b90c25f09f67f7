import { randomUUID } from 'node:crypto';
import type { RevisionRecord, StateMachineRecord, VersionRecord } from '@flowgate/store';
import { isValidName, parseStateMachineArn, stateMachineArnOf } from './arn.js';
import { apiError, invalidName, machineDeleting, machineDoesNotExist } from './errors.js';
import { checkDefinition, normaliseEncryption, normaliseLogging, normaliseTracing } from './machine-configuration.js';
import type { ActionHandler } from './protocol.js';
import type { ServiceContext } from './service-context.js';
import { compact, epochSeconds, optionalString, pageSizeOf, requiredString, withPageToken } from './service-context.js';
import { checkTags } from './tag-actions.js';
import { publishCurrentRevision } from './version-actions.js';

type MachineType = 'STANDARD' | 'EXPRESS';

function checkVersionDescription(input: Record<string, unknown>): void {
  if (input.versionDescription !== undefined && input.publish !== true) {
    throw apiError('ValidationException', 'Version description can only be set when publish is true');
  }
}

/** The machine behind an unqualified ARN; StateMachineDoesNotExist otherwise. */
export async function existingMachine(context: ServiceContext, arn: string): Promise<StateMachineRecord> {
  const machine = await context.store.getStateMachine(arn);
  if (machine === undefined) throw machineDoesNotExist(arn);
  return machine;
}

function sameConfiguration(a: RevisionRecord, b: Omit<RevisionRecord, 'seq' | 'updateDate' | 'revisionId'>): boolean {
  return (
    a.definition === b.definition &&
    a.roleArn === b.roleArn &&
    a.loggingConfiguration === b.loggingConfiguration &&
    a.tracingConfiguration === b.tracingConfiguration &&
    a.encryptionConfiguration === b.encryptionConfiguration
  );
}

/** The members DescribeStateMachine shares with DescribeStateMachineForExecution. */
export function revisionMembers(revision: RevisionRecord, includeDefinition: boolean): Record<string, unknown> {
  return compact({
    definition: includeDefinition ? revision.definition : '{}',
    roleArn: revision.roleArn,
    loggingConfiguration: JSON.parse(revision.loggingConfiguration) as unknown,
    tracingConfiguration: JSON.parse(revision.tracingConfiguration) as unknown,
    revisionId: revision.revisionId,
    encryptionConfiguration:
      revision.encryptionConfiguration === undefined ? undefined : (JSON.parse(revision.encryptionConfiguration) as unknown),
  });
}

export function stateMachineActions(context: ServiceContext): Record<string, ActionHandler> {
  const { store } = context;
  return {
    async CreateStateMachine(input) {
      const name = requiredString(input, 'name');
      if (!isValidName(name)) throw invalidName(name);
      const type = (optionalString(input, 'type') ?? 'STANDARD') as MachineType;
      checkVersionDescription(input);
      const arn = stateMachineArnOf(context.scope, name);
      const configuration = {
        definition: requiredString(input, 'definition'),
        roleArn: requiredString(input, 'roleArn'),
        loggingConfiguration: normaliseLogging(input.loggingConfiguration),
        tracingConfiguration: normaliseTracing(input.tracingConfiguration),
        ...compact({ encryptionConfiguration: normaliseEncryption(input.encryptionConfiguration) }),
      } as Omit<RevisionRecord, 'seq' | 'updateDate'>;
      const tags = checkTags(input.tags, arn);
      checkDefinition(configuration.definition, type, context.expressCallbacks === true);

      const existing = await store.getStateMachine(arn);
      if (existing !== undefined) {
        // Idempotent when everything but the role and the tags is the same, byte for byte.
        if (existing.type !== type || !sameConfiguration(existing.revision, { ...configuration, roleArn: existing.revision.roleArn })) {
          throw apiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
        }
        const version = input.publish === true ? await store.findVersionByRevision(arn, existing.revision.seq) : undefined;
        return compact({ stateMachineArn: arn, creationDate: epochSeconds(existing.creationDate), stateMachineVersionArn: version?.arn });
      }
      const now = context.now();
      const record: StateMachineRecord = {
        arn,
        name,
        type,
        status: 'ACTIVE',
        creationDate: now,
        lastVersionNumber: 0,
        revision: { seq: 1, updateDate: now, ...configuration },
      };
      if (!(await store.createStateMachine(record))) throw apiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
      if (tags.length > 0) await store.putTags(arn, tags);
      let version: VersionRecord | undefined;
      if (input.publish === true) version = await publishCurrentRevision(context, record, optionalString(input, 'versionDescription'));
      return compact({ stateMachineArn: arn, creationDate: epochSeconds(now), stateMachineVersionArn: version?.arn });
    },

    async UpdateStateMachine(input) {
      const arnText = requiredString(input, 'stateMachineArn');
      const ref = parseStateMachineArn(arnText);
      if (ref.kind !== 'machine') throw apiError('ValidationException', `Versions and aliases cannot be updated: '${arnText}'`);
      const changes = ['definition', 'roleArn', 'loggingConfiguration', 'tracingConfiguration', 'encryptionConfiguration'];
      if (!changes.some((member) => input[member] !== undefined)) {
        throw apiError(
          'MissingRequiredParameter',
          'Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified',
        );
      }
      checkVersionDescription(input);
      const machine = await existingMachine(context, ref.machineArn);
      if (machine.status === 'DELETING') throw machineDeleting(machine.arn);
      const current = machine.revision;
      const definition = optionalString(input, 'definition') ?? current.definition;
      if (input.definition !== undefined) checkDefinition(definition, machine.type, context.expressCallbacks === true);
      const next = {
        definition,
        roleArn: optionalString(input, 'roleArn') ?? current.roleArn,
        loggingConfiguration:
          input.loggingConfiguration === undefined ? current.loggingConfiguration : normaliseLogging(input.loggingConfiguration),
        tracingConfiguration:
          input.tracingConfiguration === undefined ? current.tracingConfiguration : normaliseTracing(input.tracingConfiguration),
        ...compact({
          encryptionConfiguration:
            input.encryptionConfiguration === undefined ? current.encryptionConfiguration : normaliseEncryption(input.encryptionConfiguration),
        }),
      } as Omit<RevisionRecord, 'seq' | 'updateDate'>;

      let updated = machine;
      if (!sameConfiguration(current, next)) {
        const revision: RevisionRecord = { ...next, seq: current.seq + 1, revisionId: randomUUID(), updateDate: context.now() };
        if (!(await store.updateStateMachine(machine.arn, revision))) {
          throw apiError('ConflictException', 'The state machine was changed by another request; retry the update.');
        }
        updated = { ...machine, revision };
      }
      let version: VersionRecord | undefined;
      if (input.publish === true) version = await publishCurrentRevision(context, updated, optionalString(input, 'versionDescription'));
      return compact({
        updateDate: epochSeconds(updated.revision.updateDate),
        revisionId: updated.revision.revisionId,
        stateMachineVersionArn: version?.arn,
      });
    },

    async DeleteStateMachine(input) {
      const arnText = requiredString(input, 'stateMachineArn');
      const ref = parseStateMachineArn(arnText);
      if (ref.kind !== 'machine') throw apiError('ValidationException', `Only an unqualified state machine ARN can be deleted: '${arnText}'`);
      // Executions in flight keep their compiled plan and finish; their records stay.
      await store.deleteStateMachine(ref.machineArn);
      return {};
    },

    async DescribeStateMachine(input) {
      const arnText = requiredString(input, 'stateMachineArn');
      const ref = parseStateMachineArn(arnText);
      const includeDefinition = input.includedData !== 'METADATA_ONLY';
      if (ref.kind === 'alias') throw apiError('ValidationException', `Use DescribeStateMachineAlias for an alias ARN: '${arnText}'`);
      const machine = await existingMachine(context, ref.machineArn).catch(() => {
        throw machineDoesNotExist(arnText);
      });
      if (ref.kind === 'version') {
        const version = await store.getVersion(ref.arn);
        if (version === undefined) throw machineDoesNotExist(arnText);
        return compact({
          stateMachineArn: version.arn,
          name: machine.name,
          status: machine.status,
          type: machine.type,
          creationDate: epochSeconds(version.creationDate),
          ...revisionMembers(version.revision, includeDefinition),
          description: version.description,
        });
      }
      return compact({
        stateMachineArn: machine.arn,
        name: machine.name,
        status: machine.status,
        type: machine.type,
        creationDate: epochSeconds(machine.creationDate),
        ...revisionMembers(machine.revision, includeDefinition),
      });
    },

    async ListStateMachines(input) {
      const page = await withPageToken(() =>
        store.listStateMachines({ limit: pageSizeOf(input), ...compact({ after: optionalString(input, 'nextToken') }) }),
      );
      return compact({
        stateMachines: page.items.map((machine) => ({
          stateMachineArn: machine.arn,
          name: machine.name,
          type: machine.type,
          creationDate: epochSeconds(machine.creationDate),
        })),
        nextToken: page.nextCursor,
      });
    },
  };
}
