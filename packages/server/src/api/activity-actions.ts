import type { ActivityRecord } from '@flowgate/store';
import { ActivityWorkerLimitExceeded } from '../functions/callbacks/activity-queue.js';
import { activityArnOf, isValidName, parseActivityArn } from './arn.js';
import { apiError, invalidName } from './errors.js';
import { normaliseEncryption } from './machine-configuration.js';
import type { ActionHandler } from './protocol.js';
import type { ServiceContext } from './service-context.js';
import { compact, epochSeconds, optionalString, pageSizeOf, requiredString, withPageToken } from './service-context.js';
import { checkTags } from './tag-actions.js';

const activityDoesNotExist = (arn: string) => apiError('ActivityDoesNotExist', `Activity Does Not Exist: '${arn}'`);

/** AWS-observed: DescribeActivity shows AWS's own key when none was chosen. */
const DEFAULT_ENCRYPTION = { type: 'AWS_OWNED_KEY' };

/**
 * Activities: CreateActivity, DescribeActivity, ListActivities, DeleteActivity, and the
 * workers' long poll GetActivityTask. The records live in the store (they outlive a
 * restart); the tasks waiting for workers live with the executions that scheduled them.
 */
export function activityActions(context: ServiceContext): Record<string, ActionHandler> {
  const { store } = context;
  return {
    async CreateActivity(input) {
      const name = requiredString(input, 'name');
      if (!isValidName(name)) throw invalidName(name);
      const arn = activityArnOf(context.scope, name);
      const tags = checkTags(input.tags, arn);
      const encryptionConfiguration = normaliseEncryption(input.encryptionConfiguration);
      const record: ActivityRecord = { arn, name, creationDate: context.now(), ...compact({ encryptionConfiguration }) };
      const created = await store.createActivity(record);
      if (created) {
        if (tags.length > 0) await store.putTags(arn, tags);
        return { activityArn: arn, creationDate: epochSeconds(record.creationDate) };
      }
      // Idempotent on the name; differing tags are ignored, not applied (AWS's API reference).
      // The encryption cannot change that way: ActivityAlreadyExists, in the reference's words.
      const existing = await store.getActivity(arn);
      if (existing === undefined) throw apiError('ConflictException', 'The activity was deleted while it was being created; retry.');
      if (encryptionConfiguration !== undefined && encryptionConfiguration !== existing.encryptionConfiguration) {
        throw apiError('ActivityAlreadyExists', 'Activity already exists. EncryptionConfiguration may not be updated.');
      }
      return { activityArn: arn, creationDate: epochSeconds(existing.creationDate) };
    },

    async DescribeActivity(input) {
      const arn = parseActivityArn(requiredString(input, 'activityArn'));
      const activity = await store.getActivity(arn);
      if (activity === undefined) throw activityDoesNotExist(arn);
      return {
        activityArn: activity.arn,
        name: activity.name,
        creationDate: epochSeconds(activity.creationDate),
        encryptionConfiguration:
          activity.encryptionConfiguration === undefined ? DEFAULT_ENCRYPTION : (JSON.parse(activity.encryptionConfiguration) as unknown),
      };
    },

    async ListActivities(input) {
      const page = await withPageToken(() => store.listActivities({ limit: pageSizeOf(input), ...compact({ after: optionalString(input, 'nextToken') }) }));
      return compact({
        activities: page.items.map((activity) => ({
          activityArn: activity.arn,
          name: activity.name,
          creationDate: epochSeconds(activity.creationDate),
        })),
        nextToken: page.nextCursor,
      });
    },

    async DeleteActivity(input) {
      // 200 whether or not it existed: only InvalidArn is modelled. Tasks already scheduled
      // keep waiting; new ones fail, as the activity no longer exists.
      await store.deleteActivity(parseActivityArn(requiredString(input, 'activityArn')));
      return {};
    },

    async GetActivityTask(input, call) {
      const arn = parseActivityArn(requiredString(input, 'activityArn'));
      if ((await store.getActivity(arn)) === undefined) throw activityDoesNotExist(arn);
      const { activities, pollWaitMs } = context.callbacks;
      let task;
      try {
        // A worker that hangs up leaves the queue without taking a task.
        task = await activities.poll(arn, optionalString(input, 'workerName'), pollWaitMs, (leave) => call.onClientGone(leave));
      } catch (error) {
        if (error instanceof ActivityWorkerLimitExceeded) throw apiError(error.code, error.message);
        throw error;
      }
      // AWS answers a poll that found nothing with no taskToken (and no input).
      return task === undefined ? {} : { taskToken: task.taskToken, input: task.input };
    },
  };
}
