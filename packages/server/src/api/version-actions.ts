import type { StateMachineRecord, VersionRecord } from '@flowgate/store';
import { parseStateMachineArn } from './arn.js';
import { apiError, machineDeleting } from './errors.js';
import type { ActionHandler } from './protocol.js';
import type { ServiceContext } from './service-context.js';
import { compact, epochSeconds, optionalString, pageSizeOf, requiredString, withPageToken } from './service-context.js';
import { existingMachine } from './state-machine-actions.js';

const MAX_VERSIONS = 1000;

/**
 * Publishing is idempotent per revision: the version already made from the current revision
 * is returned as it is (same ARN, same creation date).
 */
export async function publishCurrentRevision(
  context: ServiceContext,
  machine: StateMachineRecord,
  description: string | undefined,
): Promise<VersionRecord> {
  const existing = await context.store.findVersionByRevision(machine.arn, machine.revision.seq);
  if (existing !== undefined) return existing;
  const versions = await context.store.listVersions(machine.arn, { limit: MAX_VERSIONS });
  if (versions.items.length >= MAX_VERSIONS) {
    throw apiError('ServiceQuotaExceededException', `The state machine already has the maximum of ${MAX_VERSIONS} versions.`);
  }
  const version = await context.store.publishVersion(machine.arn, {
    creationDate: context.now(),
    ...compact({ description }),
  });
  if (version === undefined) throw apiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${machine.arn}'`);
  return version;
}

function unqualified(arn: string): string {
  const ref = parseStateMachineArn(arn);
  if (ref.kind !== 'machine') throw apiError('ValidationException', `Expected an unqualified state machine ARN: '${arn}'`);
  return ref.machineArn;
}

export function versionActions(context: ServiceContext): Record<string, ActionHandler> {
  const { store } = context;
  return {
    async PublishStateMachineVersion(input) {
      const machine = await existingMachine(context, unqualified(requiredString(input, 'stateMachineArn')));
      if (machine.status === 'DELETING') throw machineDeleting(machine.arn);
      const expected = optionalString(input, 'revisionId');
      // "INITIAL" names the revision a machine has before its first update.
      const current = machine.revision.revisionId ?? 'INITIAL';
      if (expected !== undefined && expected !== current) {
        throw apiError(
          'ConflictException',
          `Failed to publish the State Machine version for revision ${expected}. The current State Machine revision is ${current}.`,
        );
      }
      const version = await publishCurrentRevision(context, machine, optionalString(input, 'description'));
      return { stateMachineVersionArn: version.arn, creationDate: epochSeconds(version.creationDate) };
    },

    async ListStateMachineVersions(input) {
      const machineArn = unqualified(requiredString(input, 'stateMachineArn'));
      const page = await withPageToken(() =>
        store.listVersions(machineArn, { limit: pageSizeOf(input), ...compact({ after: optionalString(input, 'nextToken') }) }),
      );
      return compact({
        stateMachineVersions: page.items.map((version) => ({
          stateMachineVersionArn: version.arn,
          creationDate: epochSeconds(version.creationDate),
        })),
        nextToken: page.nextCursor,
      });
    },

    async DeleteStateMachineVersion(input) {
      const arn = requiredString(input, 'stateMachineVersionArn');
      const ref = parseStateMachineArn(arn);
      if (ref.kind !== 'version') throw apiError('ValidationException', `Expected a state machine version ARN: '${arn}'`);
      // An alias that routes to the version, even with weight 0, still pins it.
      const aliases = await store.listAliases(ref.machineArn, { limit: 100 });
      const referencing = aliases.items.filter((alias) =>
        alias.routingConfiguration.some((route) => route.stateMachineVersionArn === arn),
      );
      if (referencing.length > 0) {
        throw apiError(
          'ConflictException',
          `Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [${referencing
            .map((alias) => alias.name)
            .join(', ')}]`,
        );
      }
      await store.deleteVersion(arn);
      return {};
    },
  };
}
