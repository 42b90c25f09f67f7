/**
 * The one test suite every Store implementation passes. A test file calls `storeSuite` with
 * a way to make fresh storage; each test gets its own, so tests never see each other's
 * records and may run against a shared database server.
 */
import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from './store.js';
import { activityCases } from './store-suite/activities.suite.js';
import { aliasAndTagCases } from './store-suite/aliases-tags.suite.js';
import { executionCases } from './store-suite/executions.suite.js';
import type { StoreTarget, SuiteContext } from './store-suite/fixtures.js';
import { historyCases } from './store-suite/history.suite.js';
import { lifecycleCases } from './store-suite/lifecycle.suite.js';
import { machineCases } from './store-suite/machines.suite.js';
import { retentionCases } from './store-suite/retention.suite.js';
import { versionCases } from './store-suite/versions.suite.js';

export type { StoreTarget } from './store-suite/fixtures.js';

export function storeSuite(name: string, createTarget: () => StoreTarget | Promise<StoreTarget>): void {
  describe(name, () => {
    let target: StoreTarget | undefined;
    let current: Store | undefined;
    let opened: Store[] = [];

    async function track(store: Promise<Store>): Promise<Store> {
      const open = await store;
      opened.push(open);
      return open;
    }

    const context: SuiteContext = {
      get store() {
        if (current === undefined) throw new Error('No store outside a test');
        return current;
      },
      get persistent() {
        return target?.persistent ?? false;
      },
      async reopen() {
        if (target === undefined) throw new Error('No storage outside a test');
        return track(target.open());
      },
      async newTarget() {
        const more = await createTarget();
        return { persistent: more.persistent, open: () => track(more.open()) };
      },
    };

    beforeEach(async () => {
      target = await createTarget();
      current = await track(target.open());
    });

    afterEach(async () => {
      const closing = opened;
      opened = [];
      current = undefined;
      await Promise.all(closing.map((store) => store.close()));
    });

    machineCases(context);
    versionCases(context);
    aliasAndTagCases(context);
    activityCases(context);
    executionCases(context);
    historyCases(context);
    retentionCases(context);
    lifecycleCases(context);
  });
}
