import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { DataPath } from './yaml-locator.js';

const SCHEMA_PATH = join('policies', 'policy-file.schema.json');

/** A schema violation: where in the data, and what is wrong in words an author understands. */
export interface SchemaViolation {
  path: DataPath;
  reason: string;
}

let validator: ValidateFunction | undefined;

/** Checks one parsed policy file against policies/policy-file.schema.json (the file editors use too). */
export function schemaViolations(data: unknown): SchemaViolation[] {
  validator ??= compileSchema();
  if (validator(data)) return [];
  return (validator.errors ?? []).filter(isSpecific).map(describe);
}

function compileSchema(): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, discriminator: true, verbose: true });
  return ajv.compile(JSON.parse(readFileSync(findSchema(), 'utf8')) as object);
}

/** The schema sits under the repository root; this module runs from src/ or from dist/. */
function findSchema(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, SCHEMA_PATH);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${SCHEMA_PATH} not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** `if` and `oneOf` only echo the failure of the branch they chose, which is reported itself. */
function isSpecific(error: ErrorObject): boolean {
  return error.keyword !== 'if' && error.keyword !== 'oneOf';
}

function describe(error: ErrorObject): SchemaViolation {
  const path = dataPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      // The schema requires a note only of what is marked UNCONFIRMED.
      if (params.missingProperty === 'note') return { path, reason: 'confidence UNCONFIRMED needs a note saying why' };
      return { path, reason: `missing required property '${String(params.missingProperty)}'` };
    case 'additionalProperties':
      return { path: [...path, String(params.additionalProperty)], reason: `unknown property '${String(params.additionalProperty)}'` };
    case 'type':
      return { path, reason: `must be ${article(String(params.type))}, got ${shown(error.data)}` };
    case 'enum':
      return { path, reason: `must be one of ${(params.allowedValues as unknown[]).join(', ')}, got ${shown(error.data)}` };
    case 'const':
      return { path, reason: `must be ${shown(params.allowedValue)}, got ${shown(error.data)}` };
    case 'pattern':
      return { path, reason: `must be ${described(error)}, got ${shown(error.data)}` };
    case 'minItems':
    case 'minLength':
      return { path, reason: 'must not be empty' };
    case 'discriminator':
      return { path: [...path, 'type'], reason: `unknown change type ${shown(params.tagValue)}` };
    default:
      return { path, reason: error.message ?? error.keyword };
  }
}

function dataPath(instancePath: string): DataPath {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function described(error: ErrorObject): string {
  const description = (error.parentSchema as { description?: string } | undefined)?.description;
  return description ?? `text matching ${String((error.params as { pattern: string }).pattern)}`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function shown(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}
