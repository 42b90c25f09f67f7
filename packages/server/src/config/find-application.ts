import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Application } from '../app/application.js';
import { configError } from './config-error.js';
import { loadProjectFile, PROJECT_FILES, projectFileIn, type ProjectLoadOptions } from './project-loader.js';
import { loadSamTemplate, type SamLoadOptions } from './sam-template.js';

/** The names `sam` looks for, in its order. */
export const TEMPLATE_FILES = ['template.yaml', 'template.yml', 'template.json'] as const;

export type ApplicationFile = { readonly kind: 'project'; readonly file: string } | { readonly kind: 'sam-template'; readonly file: string };

export type ApplicationLoadOptions = ProjectLoadOptions & SamLoadOptions;

/**
 * The file `flowgate dev` runs in a folder: a Flowgate project (`flowgate.*`) when there is one,
 * since a folder may hold both while migrating and the project is then the one meant, else a
 * SAM template (`template.yaml`, `.yml`, `.json`, first found as the SAM CLI does).
 */
export function findApplicationFile(dir: string): ApplicationFile | undefined {
  const project = projectFileIn(dir);
  if (project !== undefined) return { kind: 'project', file: project };
  const template = TEMPLATE_FILES.map((name) => join(dir, name)).find((file) => existsSync(file));
  return template === undefined ? undefined : { kind: 'sam-template', file: template };
}

export async function findApplication(dir: string, options: ApplicationLoadOptions = {}): Promise<Application> {
  const found = findApplicationFile(dir);
  if (found === undefined) {
    throw configError('FileNotFound', { file: resolve(dir), path: [] }, { looked: [...PROJECT_FILES, ...TEMPLATE_FILES].join(', ') });
  }
  return found.kind === 'project' ? loadProjectFile(found.file, options) : loadSamTemplate(found.file, options);
}
