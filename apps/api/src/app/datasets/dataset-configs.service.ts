import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { DatasetDefinition, DatasetVersionSummary, VersionedDataset } from '@sluice/contracts';
import { checkDatasetDefinition, normaliseHeader } from '@sluice/core';
import { DatasetsRepository } from '@sluice/db';

export type { DatasetVersionSummary, VersionedDataset };

/**
 * A workspace's dataset configurations in Postgres (presets are installed by WorkspacePresetsInstaller). Every change is a new immutable version; jobs record the
 * version they ran with, and the next job picks up a change without a restart.
 */
@Injectable()
export class DatasetConfigsService {
  constructor(private readonly datasets: DatasetsRepository) {}

  list(workspaceId: string): Promise<VersionedDataset[]> {
    return this.datasets.list(workspaceId);
  }

  current(workspaceId: string, name: string): Promise<VersionedDataset | null> {
    return this.datasets.current(workspaceId, name);
  }

  async currentOrThrow(workspaceId: string, name: string): Promise<VersionedDataset> {
    const found = await this.current(workspaceId, name);
    if (!found) throw new NotFoundException(`Unknown dataset "${name}"`);
    return found;
  }

  async version(workspaceId: string, name: string, version: number): Promise<VersionedDataset> {
    const found = await this.datasets.version(workspaceId, name, version);
    if (!found) throw new NotFoundException(`Dataset "${name}" has no version ${version}`);
    return found;
  }

  async versions(workspaceId: string, name: string): Promise<DatasetVersionSummary[]> {
    const found = await this.datasets.versions(workspaceId, name);
    if (!found) throw new NotFoundException(`Unknown dataset "${name}"`);
    return found;
  }

  /** Validates and stores a definition as the dataset's next version (its first, for a new dataset). */
  async save(workspaceId: string, name: string, input: unknown, origin: string): Promise<VersionedDataset> {
    const saved = await this.datasets.save(workspaceId, this.validate(name, input), origin);
    if (saved === 'name_is_pipeline') {
      throw new BadRequestException({ message: 'Invalid dataset definition', problems: [{ path: 'name', message: `"${name}" is a pipeline; a dataset needs a name of its own` }] });
    }
    return saved;
  }

  async restore(workspaceId: string, name: string, version: number): Promise<VersionedDataset> {
    const old = await this.version(workspaceId, name, version);
    return this.save(workspaceId, name, old.definition, `restore of v${version}`);
  }

  /**
   * Remembers corrections of the header mapping: each header becomes a synonym of its field, saved as the
   * dataset's next version, so the next file with that header maps by itself. A header another field already
   * answers to is refused (it would make the mapping ambiguous); one the field already has is left as it is.
   */
  async addSynonyms(workspaceId: string, name: string, synonyms: { field: string; header: string }[]): Promise<VersionedDataset> {
    const { definition } = await this.currentOrThrow(workspaceId, name);
    const fields = definition.fields.map((f) => ({ ...f, synonyms: [...(f.synonyms ?? [])] }));
    const answersTo = (field: (typeof fields)[number]) => [field.name, ...field.synonyms].map(normaliseHeader);
    for (const [index, { field: fieldName, header }] of synonyms.entries()) {
      const field = fields.find((f) => f.name === fieldName);
      if (!field) throw new BadRequestException(`synonyms.${index}.field: "${fieldName}" is not a field of ${name} (fields: ${fields.map((f) => f.name).join(', ')})`);
      if (!header.trim()) throw new BadRequestException(`synonyms.${index}.header: must not be empty`);
      const key = normaliseHeader(header);
      if (!key) throw new BadRequestException(`synonyms.${index}.header: "${header}" cannot be matched, as headers are compared by their letters a–z and digits and it has none`);
      const owner = fields.find((f) => f !== field && answersTo(f).includes(key));
      if (owner) throw new ConflictException(`"${header.trim()}" already maps to field ${owner.name}, so it cannot also be a synonym of ${field.name}`);
      if (!answersTo(field).includes(key)) field.synonyms.push(header.trim());
    }
    return this.save(workspaceId, name, { ...definition, fields }, `synonyms: ${synonyms.map((s) => `${s.header.trim()} → ${s.field}`).join(', ')}`.slice(0, 200));
  }

  /** Imports several definitions; nothing is saved unless every one is valid. */
  async import(workspaceId: string, inputs: unknown): Promise<VersionedDataset[]> {
    if (!Array.isArray(inputs)) throw new BadRequestException('Expected a JSON array of dataset definitions');
    const checked = inputs.map((input, index) => {
      const result = checkDatasetDefinition(input);
      return result.ok ? result.definition : { index, problems: result.problems };
    });
    const invalid = checked.filter((c): c is { index: number; problems: { path: string; message: string }[] } => 'problems' in c);
    if (invalid.length) {
      throw new BadRequestException({
        message: 'Invalid dataset definitions: nothing was imported',
        problems: invalid.flatMap((i) => i.problems.map((p) => ({ ...p, path: `${i.index}.${p.path}` }))),
      });
    }
    const saved: VersionedDataset[] = [];
    for (const definition of checked as DatasetDefinition[]) saved.push(await this.save(workspaceId, definition.name, definition, 'import'));
    return saved;
  }

  private validate(name: string, input: unknown): DatasetDefinition {
    const body = typeof input === 'object' && input !== null ? { ...(input as Record<string, unknown>) } : input;
    if (typeof body === 'object' && body !== null && !('name' in body)) (body as Record<string, unknown>)['name'] = name;
    const result = checkDatasetDefinition(body);
    if (!result.ok) throw new BadRequestException({ message: 'Invalid dataset definition', problems: result.problems });
    if (result.definition.name !== name) {
      throw new BadRequestException({ message: 'Invalid dataset definition', problems: [{ path: 'name', message: `must be "${name}", the dataset in the URL` }] });
    }
    return result.definition;
  }
}
