/**
 * The service catalog: fetched from processing (`services`), cached in the terminal's database (catalog-cache.ts) so
 * the terminal keeps working from cache when processing is down.
 */
import { acceptServices, describeOutcome, interpretAnswer, type ProcessingClient, type ServicesList } from '../processing/client.js';
import type { CatalogService } from '../../shared/ipc/views.js';
import type { CatalogCache } from './catalog-cache.js';

export interface CatalogSnapshot {
  services: CatalogService[];
  rejected: ServicesList['rejected'];
  fetchedAt: number;
  /** 'processing' when just fetched, 'cache' when read from the journal. */
  source: 'processing' | 'cache';
  /** Why the cache is in use, when a refresh failed. */
  staleBecause?: string | undefined;
}

export class CatalogUnavailableError extends Error {
  override name = 'CatalogUnavailableError';
}

export class Catalog {
  private snapshot: CatalogSnapshot | null = null;
  private index = new Map<string, CatalogService>();
  /** A refresh in flight: callers at the same moment share it (one request, one parse). */
  private refreshing: Promise<CatalogSnapshot> | null = null;

  constructor(
    private readonly cache: CatalogCache,
    private readonly client: ProcessingClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** The catalog: from memory, else the journal's cache, else processing. */
  async get(): Promise<CatalogSnapshot> {
    if (this.snapshot) return this.snapshot;
    const cached = this.loadCache();
    if (cached) return cached;
    return this.refresh();
  }

  /** Fetches the catalog from processing; on failure falls back to the cache, saying why. */
  refresh(): Promise<CatalogSnapshot> {
    this.refreshing ??= this.fetch().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async fetch(): Promise<CatalogSnapshot> {
    const outcome = await this.client.services();
    if (outcome.kind === 'answer' && outcome.result === 0) {
      this.cache.save(outcome.raw, this.now());
      return this.use({ ...outcome.value, fetchedAt: this.now(), source: 'processing' });
    }
    const problem = describeOutcome(outcome);
    const cached = this.loadCache();
    if (cached) {
      this.snapshot = { ...cached, staleBecause: problem };
      return this.snapshot;
    }
    throw new CatalogUnavailableError(`the service catalog cannot be loaded: processing gave ${problem}, and there is no cached catalog yet`);
  }

  async service(serviceId: string): Promise<CatalogService | null> {
    await this.get();
    return this.index.get(serviceId) ?? null;
  }

  /** A service from memory or the journal's cache, never from the network (printing must not wait on processing). */
  cachedService(serviceId: string): CatalogService | null {
    if (!this.snapshot) this.loadCache();
    return this.index.get(serviceId) ?? null;
  }

  private loadCache(): CatalogSnapshot | null {
    const row = this.cache.load();
    if (!row) return null;
    const parsed = interpretAnswer(row.body, 200, 0, acceptServices);
    if (parsed.kind !== 'answer' || parsed.result !== 0) return null;
    return this.use({ ...parsed.value, fetchedAt: row.fetchedAt, source: 'cache' });
  }

  private use(snapshot: CatalogSnapshot): CatalogSnapshot {
    this.snapshot = snapshot;
    this.index = new Map(snapshot.services.map((s) => [s.serviceId, s]));
    return snapshot;
  }
}
