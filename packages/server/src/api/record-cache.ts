import type { AliasRecord, StateMachineRecord, Store, VersionRecord } from '@flowgate/store';

/**
 * The machine, version and alias records that every start reads, kept for a moment so that
 * a busy machine is not read from the store on each request. Writes through this server clear
 * it at once; a change made by another server sharing the store shows within `ttlMs`, like
 * AWS, where starts may see the previous definition for a few seconds after an update.
 */
export class RecordCache {
  private readonly entries = new Map<string, { expires: number; value: unknown }>();

  constructor(
    private readonly store: Store,
    private readonly ttlMs = 1000,
    private readonly capacity = 10_000,
  ) {}

  stateMachine(arn: string): Promise<StateMachineRecord | undefined> {
    return this.read(`m:${arn}`, () => this.store.getStateMachine(arn));
  }

  version(arn: string): Promise<VersionRecord | undefined> {
    return this.read(`v:${arn}`, () => this.store.getVersion(arn));
  }

  alias(arn: string): Promise<AliasRecord | undefined> {
    return this.read(`a:${arn}`, () => this.store.getAlias(arn));
  }

  clear(): void {
    this.entries.clear();
  }

  private async read<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const now = Date.now();
    const cached = this.entries.get(key);
    if (cached !== undefined && cached.expires > now) return cached.value as T;
    const value = await load();
    // Absence is not kept: a machine created a moment later must be found at once.
    if (value !== undefined) {
      if (this.entries.size >= this.capacity) this.entries.clear();
      this.entries.set(key, { expires: now + this.ttlMs, value });
    }
    return value;
  }
}
