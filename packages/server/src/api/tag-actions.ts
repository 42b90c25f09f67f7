import type { Tag } from '@flowgate/store';
import { parseActivityArn, parseStateMachineArn, resourceTypeOf } from './arn.js';
import { apiError, invalidArn } from './errors.js';
import type { ActionHandler } from './protocol.js';
import type { ServiceContext } from './service-context.js';
import { requiredString } from './service-context.js';

const MAX_TAGS = 50;

/** Tags as the model allows them: key 1–128, value 0–256, `aws:` keys reserved. */
export function checkTags(value: unknown, resourceArn: string): Tag[] {
  const tags: Tag[] = [];
  for (const [index, item] of (Array.isArray(value) ? value : []).entries()) {
    const { key, value: tagValue = '' } = (item ?? {}) as { key?: unknown; value?: unknown };
    if (typeof key !== 'string' || key.length < 1 || key.length > 128) {
      throw apiError(
        'ValidationException',
        `1 validation error detected: Value '${String(key)}' at 'tags.${index + 1}.member.key' failed to satisfy constraint: Member must have length between 1 and 128`,
      );
    }
    if (typeof tagValue !== 'string' || tagValue.length > 256) {
      throw apiError(
        'ValidationException',
        `1 validation error detected: Value at 'tags.${index + 1}.member.value' failed to satisfy constraint: Member must have length less than or equal to 256`,
      );
    }
    if (key.toLowerCase().startsWith('aws:')) throw apiError('ValidationException', `Tag keys starting with 'aws:' are reserved: '${key}'`);
    tags.push({ key, value: tagValue });
  }
  if (new Set(tags.map((tag) => tag.key)).size > MAX_TAGS) tooManyTags(resourceArn);
  return tags;
}

function tooManyTags(resourceArn: string): never {
  throw apiError('TooManyTags', `Too many tags on resource '${resourceArn}': at most ${MAX_TAGS} are allowed.`, { resourceName: resourceArn });
}

/** Only unqualified state machines and activities carry tags (api.md, TagResource). */
async function taggableResource(context: ServiceContext, arn: string): Promise<string> {
  const notFound = () => apiError('ResourceNotFound', `Resource not found: '${arn}'`, { resourceName: arn });
  if (!arn.startsWith('arn:')) throw invalidArn(arn);
  if (resourceTypeOf(arn) === 'activity') {
    if ((await context.store.getActivity(parseActivityArn(arn))) === undefined) throw notFound();
    return arn;
  }
  const ref = parseStateMachineArn(arn);
  if (ref.kind !== 'machine') throw notFound();
  if ((await context.store.getStateMachine(ref.machineArn)) === undefined) throw notFound();
  return ref.machineArn;
}

export function tagActions(context: ServiceContext): Record<string, ActionHandler> {
  return {
    async TagResource(input) {
      const arn = await taggableResource(context, requiredString(input, 'resourceArn'));
      const tags = checkTags(input.tags, arn);
      const existing = await context.store.getTags(arn);
      const keys = new Set([...existing.map((tag) => tag.key), ...tags.map((tag) => tag.key)]);
      if (keys.size > MAX_TAGS) tooManyTags(arn);
      await context.store.putTags(arn, tags);
      return {};
    },
    async UntagResource(input) {
      const arn = await taggableResource(context, requiredString(input, 'resourceArn'));
      const keys = (input.tagKeys as unknown[]).filter((key): key is string => typeof key === 'string');
      await context.store.removeTags(arn, keys);
      return {};
    },
    async ListTagsForResource(input) {
      const arn = await taggableResource(context, requiredString(input, 'resourceArn'));
      const tags = await context.store.getTags(arn);
      return { tags: tags.map((tag) => ({ key: tag.key, value: tag.value })) };
    },
  };
}
