import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import type { ObjectStore } from '@sluice/storage';
import { provenanceKey } from '@sluice/storage';

export interface ProvenanceFilesOptions {
  store: Pick<ObjectStore, 'read'>;
  /** A folder of the cache's own: emptied when first used, since no other process's files belong in it. */
  dir: string;
  /** Most copies kept; the least recently used beyond this (or `maxBytes`) are deleted. */
  maxFiles: number;
  maxBytes: number;
}

interface Copy {
  workspaceId: string;
  jobId: string;
  outputVersion: number;
  /** Named by a random id, never by anything a request gave. */
  path: string;
  bytes: number;
  /** Requests reading the copy now: it is deleted only once none is. */
  readers: number;
  /** When it was last read, by the cache's own count (many reads can fall in one millisecond). */
  lastUsed: number;
  /** A newer version of the job's output exists: delete once nobody reads it. */
  outdated: boolean;
  downloaded: Promise<void>;
}

/**
 * Local copies of jobs' merge provenance (DuckDB reads files, not S3 here), one per job and output version:
 * downloaded on first use, shared by concurrent requests, deleted when the job's output moves to a new
 * version, and bounded in number and bytes (least recently used first). A copy being read is never deleted
 * under its reader. Paths stay inside: errors from here carry no path a user could be shown.
 */
export class ProvenanceFiles {
  private readonly copies = new Map<string, Copy>();
  private ready?: Promise<void>;
  private uses = 0;

  constructor(private readonly options: ProvenanceFilesOptions) {}

  /** Runs `work` with a local copy of the job's provenance as of `outputVersion`. Rejects as the store does when the object is missing. */
  async use<T>(workspaceId: string, jobId: string, outputVersion: number, work: (file: string) => Promise<T>): Promise<T> {
    this.ready ??= this.prepareDir();
    await this.ready;
    this.outdateOtherVersions(workspaceId, jobId, outputVersion);
    const copy = this.copyOf(workspaceId, jobId, outputVersion);
    copy.readers += 1;
    try {
      await copy.downloaded;
      return await work(copy.path);
    } finally {
      copy.readers -= 1;
      copy.lastUsed = ++this.uses;
      await this.evict();
    }
  }

  /** Deletes every copy (at shutdown). */
  async clear(): Promise<void> {
    this.copies.clear();
    await rm(this.options.dir, { recursive: true, force: true });
    this.ready = undefined;
  }

  private async prepareDir(): Promise<void> {
    await rm(this.options.dir, { recursive: true, force: true });
    await mkdir(this.options.dir, { recursive: true, mode: 0o700 });
  }

  private copyOf(workspaceId: string, jobId: string, outputVersion: number): Copy {
    const id = `${workspaceId}/${jobId}/${outputVersion}`;
    const existing = this.copies.get(id);
    if (existing) return existing;
    const name = randomUUID();
    const copy: Copy = {
      workspaceId,
      jobId,
      outputVersion,
      path: join(this.options.dir, `${name}.parquet`),
      bytes: 0,
      readers: 0,
      lastUsed: ++this.uses,
      outdated: false,
      downloaded: Promise.resolve(),
    };
    copy.downloaded = this.download(copy, join(this.options.dir, `${name}.part`)).catch(async (error: unknown) => {
      // The next request tries again.
      if (this.copies.get(id) === copy) this.copies.delete(id);
      throw error;
    });
    this.copies.set(id, copy);
    return copy;
  }

  /** Written under a temporary name and renamed once complete, so no reader sees half a file. */
  private async download(copy: Copy, partPath: string): Promise<void> {
    try {
      await pipeline(await this.options.store.read(provenanceKey(copy.workspaceId, copy.jobId)), createWriteStream(partPath, { mode: 0o600 }));
      await rename(partPath, copy.path);
      copy.bytes = (await stat(copy.path)).size;
    } catch (error) {
      await rm(partPath, { force: true });
      throw error;
    }
  }

  private outdateOtherVersions(workspaceId: string, jobId: string, outputVersion: number): void {
    for (const copy of this.copies.values()) {
      if (copy.workspaceId === workspaceId && copy.jobId === jobId && copy.outputVersion !== outputVersion) copy.outdated = true;
    }
  }

  private async evict(): Promise<void> {
    const idle = [...this.copies.entries()].filter(([, c]) => c.readers === 0);
    const doomed = new Set(idle.filter(([, c]) => c.outdated).map(([id]) => id));
    const kept = () => [...this.copies.entries()].filter(([id]) => !doomed.has(id));
    const bytes = () => kept().reduce((sum, [, c]) => sum + c.bytes, 0);
    const lru = idle.filter(([id]) => !doomed.has(id)).sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    for (const [id] of lru) {
      if (kept().length <= this.options.maxFiles && bytes() <= this.options.maxBytes) break;
      doomed.add(id);
    }
    for (const id of doomed) {
      const copy = this.copies.get(id);
      this.copies.delete(id);
      // Only idle copies are doomed: a copy still downloading has its requester as a reader.
      if (copy) await rm(copy.path, { force: true });
    }
  }
}
