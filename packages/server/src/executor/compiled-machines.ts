import type { StateMachine } from '@flowgate/core';
import { compileStateMachine } from '@flowgate/core';
import type { RevisionRecord, StateMachineRecord } from '@flowgate/store';

/**
 * Compiled plans, one per machine revision: compile once, run many. Bounded, least recently
 * used first out, so that a server that has seen many revisions does not keep them all.
 */
export class CompiledMachines {
  private readonly plans = new Map<string, StateMachine>();

  constructor(
    private readonly capacity = 512,
    /** Flowgate extension: EXPRESS machines may use `.waitForTaskToken` and activities. */
    private readonly expressCallbacks = false,
  ) {}

  /** The key of a revision; the creation date tells apart machines re-created under one name. */
  static keyOf(machine: Pick<StateMachineRecord, 'arn' | 'creationDate'>, revision: Pick<RevisionRecord, 'seq'>): string {
    return `${machine.arn}@${machine.creationDate}#${revision.seq}`;
  }

  get(key: string, machine: Pick<StateMachineRecord, 'arn' | 'name' | 'type'>, revision: RevisionRecord): StateMachine {
    const cached = this.plans.get(key);
    if (cached !== undefined) {
      this.plans.delete(key);
      this.plans.set(key, cached);
      return cached;
    }
    const compiled = compileStateMachine(revision.definition, {
      type: machine.type,
      name: machine.name,
      arn: machine.arn,
      expressCallbacks: this.expressCallbacks,
    });
    this.plans.set(key, compiled);
    if (this.plans.size > this.capacity) {
      const oldest = this.plans.keys().next().value;
      if (oldest !== undefined) this.plans.delete(oldest);
    }
    return compiled;
  }
}
