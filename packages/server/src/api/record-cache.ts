import type { AliasRecord, StateMachineRecord, Store, VersionRecord } from '@flowgate/store';

/**
 * The machine, version and alias records that every start reads, kept for a moment so that
 * a busy machine is not read from the store on each request. Writes through this server clear
 * it at once; a change made by another server sharing the store shows within `ttlMs`, like
 * AWS, where starts may see the previous definition for a few seconds after an update.
 */
export class RecordCache {
  // One map per kind: a start looks up by the ARN as it is, without building a key.
  private readonly machines = new Map<string, Entry<StateMachineRecord>>();
  private readonly versions = new Map<string, Entry<VersionRecord>>();
  private readonly aliases = new Map<string, Entry<AliasRecord>>();

  constructor(
    private readonly store: Store,
    private readonly ttlMs = 1000,
    private readonly capacity = 10_000,
  ) {}

  stateMachine(arn: string): Promise<StateMachineRecord | undefined> {
    return this.read(this.machines, arn, () => this.store.getStateMachine(arn));
  }

  version(arn: string): Promise<VersionRecord | undefined> {
    return this.read(this.versions, arn, () => this.store.getVersion(arn));
  }

  alias(arn: string): Promise<AliasRecord | undefined> {
    return this.read(this.aliases, arn, () => this.store.getAlias(arn));
  }

  clear(): void {
    this.machines.clear();
    this.versions.clear();
    this.aliases.clear();
  }

  private async read<T>(entries: Map<string, Entry<T>>, arn: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const now = Date.now();
    const cached = entries.get(arn);
    if (cached !== undefined && cached.expires > now) return cached.value;
    const value = await load();
    // Absence is not kept: a machine created a moment later must be found at once.
    if (value !== undefined) {
      if (entries.size >= this.capacity) entries.clear();
      entries.set(arn, { expires: now + this.ttlMs, value });
    }
    return value;
  }
}

interface Entry<T> {
  readonly expires: number;
  readonly value: T;
}
