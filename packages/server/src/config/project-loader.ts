import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Application } from '../app/application.js';
import { type At, child, configError } from './config-error.js';
import { readDocument } from './document-file.js';
import { checkKeys, expectRecord, expectScalarMap } from './document-checks.js';
import { readFunctions } from './project-functions.js';
import { readRoutes } from './project-routes.js';
import { readWorkflows } from './project-workflows.js';
import { type ArnScope, DEFAULT_SCOPE } from './resource-arns.js';
import { readCors, readResponseDefaults } from './route-options.js';
import { loadTypeScriptProject } from './typescript-project.js';

/** The names a project file may have, in the order they are described in the README. */
export const PROJECT_FILES = ['flowgate.config.ts', 'flowgate.yaml', 'flowgate.yml', 'flowgate.json'] as const;

export interface ProjectLoadOptions {
  /** Values for declared `parameters`, e.g. from `flowgate dev --parameter Stage=test`. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Region, account and partition of the ARNs built for `${functions.x.arn}`…; default us-east-1 / 123456789012. */
  readonly scope?: ArnScope;
}

/** The project file of a folder: exactly one of `PROJECT_FILES`, or undefined when there is none. */
export function projectFileIn(dir: string): string | undefined {
  const present = PROJECT_FILES.map((name) => join(dir, name)).filter((file) => existsSync(file));
  // Two project files would silently shadow one another; asking the user to keep one is clearer.
  if (present.length > 1) {
    throw configError('AmbiguousFiles', { file: resolve(dir), path: [] }, { files: present.map((file) => basename(file)).join(', ') });
  }
  return present[0];
}

export async function loadProject(dir: string, options: ProjectLoadOptions = {}): Promise<Application> {
  const file = projectFileIn(dir);
  if (file === undefined) throw configError('FileNotFound', { file: resolve(dir), path: [] }, { looked: PROJECT_FILES.join(', ') });
  return loadProjectFile(file, options);
}

export async function loadProjectFile(file: string, options: ProjectLoadOptions = {}): Promise<Application> {
  const path = resolve(file);
  const document = extname(path) === '.ts' ? await loadTypeScriptProject(path) : await readDocument(path, { cloudFormation: false });
  return projectFromDocument(document, path, options);
}

const TOP_LEVEL = ['$schema', 'workflows', 'functions', 'parameters', 'routes', 'responses', 'cors'];

/** Checks a parsed project and builds its Application; relative paths resolve from the file's folder. */
export async function projectFromDocument(document: unknown, file: string, options: ProjectLoadOptions = {}): Promise<Application> {
  const root = dirname(file);
  const at: At = { file, path: [] };
  // An empty file is an empty project: `flowgate dev` then serves only the AWS API.
  const project = document === null ? {} : expectRecord(document, at, 'a Flowgate project (an object with workflows, functions, routes…)');
  checkKeys(project, TOP_LEVEL, at);

  const parameters = readParameters(project.parameters, child(at, 'parameters'), options.parameters ?? {});
  const functions = project.functions === undefined ? [] : readFunctions(project.functions, child(at, 'functions'), root);
  const workflowNames = project.workflows === undefined ? [] : Object.keys(expectRecord(project.workflows, child(at, 'workflows')));
  const names = { scope: options.scope ?? DEFAULT_SCOPE, functions: functions.map((f) => f.name), workflows: workflowNames, parameters };
  const workflows = project.workflows === undefined ? [] : await readWorkflows(project.workflows, child(at, 'workflows'), root, names);
  const cors = project.cors === undefined ? undefined : readCors(project.cors, child(at, 'cors'));
  const routes = project.routes === undefined ? [] : readRoutes(project.routes, child(at, 'routes'), { ...names, ...(cors === undefined ? {} : { cors }) });
  return {
    root,
    workflows,
    functions,
    routes,
    ...(project.responses === undefined ? {} : { responseDefaults: readResponseDefaults(project.responses, child(at, 'responses')) }),
    warnings: [],
  };
}

function readParameters(value: unknown, at: At, overrides: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  const declared = value === undefined ? {} : expectScalarMap(value, at);
  for (const name of Object.keys(overrides)) {
    // As CloudFormation refuses values for parameters a template does not declare.
    if (!Object.hasOwn(declared, name)) {
      throw configError('InvalidValue', at, { rule: `a value was given for parameter '${name}', which the project does not declare` });
    }
  }
  return { ...declared, ...overrides };
}
