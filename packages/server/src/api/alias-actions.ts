import type { AliasRecord, RoutingEntry } from '@flowgate/store';
import { ALIAS_NAME_PATTERN, isValidAliasName, parseStateMachineArn } from './arn.js';
import { apiError, constraintViolation, machineDeleting, resourceNotFound } from './errors.js';
import type { ActionHandler } from './protocol.js';
import type { ServiceContext } from './service-context.js';
import { compact, epochSeconds, optionalString, pageSizeOf, requiredString, withPageToken } from './service-context.js';

const MAX_ALIASES = 100;

/**
 * Checks a routing configuration with AWS's messages (versions-aliases.md §3) and returns the
 * machine its versions belong to.
 */
async function checkRouting(context: ServiceContext, value: unknown): Promise<{ routes: RoutingEntry[]; machineArn: string }> {
  const items = value as { stateMachineVersionArn?: unknown; weight?: unknown }[];
  if (items.length > 2) {
    const shown = items
      .map((item) => `RoutingConfigurationListItem(stateMachineVersionArn=${String(item.stateMachineVersionArn)}, weight=${String(item.weight)})`)
      .join(', ');
    throw apiError(
      'ValidationException',
      `1 validation error detected: Value '[${shown}]' at 'routingConfiguration' failed to satisfy constraint: Member must have length less than or equal to 2`,
    );
  }
  const routes: RoutingEntry[] = [];
  for (const [index, item] of items.entries()) {
    const weight = item.weight;
    const member = `routingConfiguration.${index + 1}.member.weight`;
    if (typeof weight !== 'number' || !Number.isInteger(weight)) throw constraintViolation(weight, member, 'Member must not be null');
    if (weight > 100) throw constraintViolation(weight, member, 'Member must have value less than or equal to 100');
    if (weight < 0) throw constraintViolation(weight, member, 'Member must have value greater than or equal to 0');
    if (typeof item.stateMachineVersionArn !== 'string') {
      throw constraintViolation(undefined, `routingConfiguration.${index + 1}.member.stateMachineVersionArn`, 'Member must not be null');
    }
    routes.push({ stateMachineVersionArn: item.stateMachineVersionArn, weight });
  }
  const arns = routes.map((route) => route.stateMachineVersionArn);
  const refs = arns.map((arn) => {
    try {
      return parseStateMachineArn(arn);
    } catch {
      return undefined;
    }
  });
  if (refs.some((ref) => ref?.kind !== 'version')) {
    throw apiError('ValidationException', `Routing configuration must contain state machine version ARNs. Received: [${arns.join(', ')}]`);
  }
  if (new Set(arns).size !== arns.length) {
    throw apiError('ValidationException', `Routing configuration must contain distinct state machine version ARNs. Received: [${arns.join(', ')}]`);
  }
  const machines = new Set(refs.map((ref) => ref?.machineArn));
  if (machines.size !== 1) {
    throw apiError('ValidationException', `Routing configuration must contain versions of one state machine. Received: [${arns.join(', ')}]`);
  }
  const weights = routes.map((route) => route.weight);
  if (weights.reduce((sum, weight) => sum + weight, 0) !== 100) {
    throw apiError('ValidationException', `Sum of routing configuration weights must equal 100. Received: [${weights.join(', ')}]`);
  }
  for (const arn of arns) if ((await context.store.getVersion(arn)) === undefined) throw resourceNotFound();
  const machineArn = [...machines][0] as string;
  const machine = await context.store.getStateMachine(machineArn);
  if (machine === undefined) throw resourceNotFound();
  if (machine.status === 'DELETING') throw machineDeleting(machineArn);
  return { routes, machineArn };
}

function checkAliasName(name: string): void {
  if (name.length > 80) throw constraintViolation(name, 'name', 'Member must have length less than or equal to 80');
  if (!isValidAliasName(name)) throw constraintViolation(name, 'name', `Member must satisfy regular expression pattern: ${ALIAS_NAME_PATTERN}`);
}

function aliasRef(arn: string): { machineArn: string; alias: string } {
  const ref = parseStateMachineArn(arn);
  if (ref.kind !== 'alias') throw apiError('ValidationException', `Expected a state machine alias ARN: '${arn}'`);
  return { machineArn: ref.machineArn, alias: ref.alias };
}

function sameRouting(a: readonly RoutingEntry[], b: readonly RoutingEntry[]): boolean {
  return a.length === b.length && a.every((route, i) => route.stateMachineVersionArn === b[i]?.stateMachineVersionArn && route.weight === b[i]?.weight);
}

export function aliasActions(context: ServiceContext): Record<string, ActionHandler> {
  const { store } = context;
  return {
    async CreateStateMachineAlias(input) {
      const name = requiredString(input, 'name');
      checkAliasName(name);
      const description = optionalString(input, 'description');
      const { routes, machineArn } = await checkRouting(context, input.routingConfiguration);
      const arn = `${machineArn}:${name}`;
      const existing = await store.getAlias(arn);
      if (existing !== undefined) {
        if (existing.description === description && sameRouting(existing.routingConfiguration, routes)) {
          return { stateMachineAliasArn: arn, creationDate: epochSeconds(existing.creationDate) };
        }
        // AWS names the routing even when only the description differs.
        throw apiError(
          'ConflictException',
          'Failed to create alias because an alias with the same name and a different routing configuration already exists.',
        );
      }
      const aliases = await store.listAliases(machineArn, { limit: MAX_ALIASES });
      if (aliases.items.length >= MAX_ALIASES) {
        throw apiError('ServiceQuotaExceededException', `The state machine already has the maximum of ${MAX_ALIASES} aliases.`);
      }
      const now = context.now();
      const record: AliasRecord = {
        arn,
        stateMachineArn: machineArn,
        name,
        routingConfiguration: routes,
        creationDate: now,
        updateDate: now,
        ...compact({ description }),
      };
      await store.putAlias(record);
      return { stateMachineAliasArn: arn, creationDate: epochSeconds(now) };
    },

    async UpdateStateMachineAlias(input) {
      const arn = requiredString(input, 'stateMachineAliasArn');
      const { machineArn } = aliasRef(arn);
      if (input.description === undefined && input.routingConfiguration === undefined) {
        throw apiError('ValidationException', 'Either the description or the routing configuration must be specified');
      }
      const existing = await store.getAlias(arn);
      if (existing === undefined) throw resourceNotFound();
      let routes = existing.routingConfiguration;
      if (input.routingConfiguration !== undefined) {
        const checked = await checkRouting(context, input.routingConfiguration);
        if (checked.machineArn !== machineArn) {
          throw apiError('ValidationException', 'Routing configuration must contain versions of the state machine the alias belongs to.');
        }
        routes = checked.routes;
      }
      const now = context.now();
      const description = input.description === undefined ? existing.description : optionalString(input, 'description');
      const { description: _previous, ...rest } = existing;
      await store.putAlias({ ...rest, routingConfiguration: routes, updateDate: now, ...compact({ description }) });
      return { updateDate: epochSeconds(now) };
    },

    async DescribeStateMachineAlias(input) {
      const arn = requiredString(input, 'stateMachineAliasArn');
      aliasRef(arn);
      const alias = await store.getAlias(arn);
      if (alias === undefined) throw resourceNotFound();
      return compact({
        stateMachineAliasArn: alias.arn,
        name: alias.name,
        description: alias.description,
        routingConfiguration: alias.routingConfiguration.map((route) => ({ ...route })),
        creationDate: epochSeconds(alias.creationDate),
        updateDate: epochSeconds(alias.updateDate),
      });
    },

    async ListStateMachineAliases(input) {
      const arn = requiredString(input, 'stateMachineArn');
      const ref = parseStateMachineArn(arn);
      if (ref.kind === 'alias') throw apiError('ValidationException', `Expected a state machine or version ARN: '${arn}'`);
      const machine = await store.getStateMachine(ref.machineArn);
      if (machine === undefined) throw resourceNotFound();
      const toItem = (alias: AliasRecord) => ({ stateMachineAliasArn: alias.arn, creationDate: epochSeconds(alias.creationDate) });
      if (ref.kind === 'version') {
        // A machine has at most 100 aliases: one page holds them all.
        const all = await store.listAliases(ref.machineArn, { limit: MAX_ALIASES });
        const routed = all.items.filter((alias) => alias.routingConfiguration.some((route) => route.stateMachineVersionArn === ref.arn));
        return { stateMachineAliases: routed.map(toItem) };
      }
      const page = await withPageToken(() =>
        store.listAliases(ref.machineArn, { limit: pageSizeOf(input), ...compact({ after: optionalString(input, 'nextToken') }) }),
      );
      return compact({ stateMachineAliases: page.items.map(toItem), nextToken: page.nextCursor });
    },

    async DeleteStateMachineAlias(input) {
      const arn = requiredString(input, 'stateMachineAliasArn');
      aliasRef(arn);
      await store.deleteAlias(arn);
      return {};
    },
  };
}
