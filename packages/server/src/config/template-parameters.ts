import { type At, child, configError } from './config-error.js';
import { expectRecord, type Record_ } from './document-checks.js';
import type { WarningLog } from './warning-log.js';

/** A parameter's value as `Ref` returns it: text, or a list for `CommaDelimitedList` and `List<…>`. */
export type ParameterValue = string | readonly string[];

export interface TemplateParameters {
  has(name: string): boolean;
  /** Throws when the parameter has neither a Default nor a given value, at the reference. */
  value(name: string, at: At): ParameterValue;
}

/**
 * `Parameters`: each value is the one given when loading (`--parameter Stage=test`) or the
 * Default. A parameter with neither is only an error where the template uses it, so a template
 * whose deployment-only parameters never reach an emulated resource still runs locally.
 */
export function readTemplateParameters(
  section: unknown,
  at: At,
  overrides: Readonly<Record<string, string>>,
  warnings: WarningLog,
): TemplateParameters {
  const declared = section === undefined ? {} : expectRecord(section, at);
  for (const name of Object.keys(overrides)) {
    // CloudFormation refuses values for parameters the template does not declare.
    if (!Object.hasOwn(declared, name)) {
      throw configError('InvalidValue', at, { rule: `a value was given for parameter '${name}', which the template does not declare` });
    }
  }
  const values = new Map<string, ParameterValue | undefined>();
  for (const [name, definition] of Object.entries(declared)) {
    const parameterAt = child(at, name);
    const record = expectRecord(definition, parameterAt, 'a parameter declaration (an object with Type, Default…)');
    const given = Object.hasOwn(overrides, name) ? overrides[name] : scalarText(record.Default);
    if (given === undefined) {
      values.set(name, undefined);
      continue;
    }
    checkAllowed(record, given, parameterAt);
    const type = typeof record.Type === 'string' ? record.Type : 'String';
    // SSM parameter types hold the name of a parameter in Systems Manager, which is not here.
    if (type.startsWith('AWS::SSM::Parameter::Value<') && !Object.hasOwn(overrides, name)) {
      warnings.report('SSM parameter values are not read; the Default (the SSM name) is used as the value', name);
    }
    values.set(name, isListType(type) ? given.split(',') : given);
  }
  return {
    has: (name) => values.has(name),
    value(name, refAt) {
      const value = values.get(name);
      if (value === undefined) {
        throw configError('InvalidValue', refAt, { rule: `parameter '${name}' has no Default; give it a value when loading (a parameter override)` });
      }
      return value;
    },
  };
}

function isListType(type: string): boolean {
  const inner = /^AWS::SSM::Parameter::Value<(.*)>$/.exec(type)?.[1] ?? type;
  return inner === 'CommaDelimitedList' || inner.startsWith('List<');
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // A list Default (allowed for list types in YAML) is written back as CloudFormation's text form.
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')) return value.join(',');
  return undefined;
}

function checkAllowed(record: Record_, value: string, at: At): void {
  const allowed = record.AllowedValues;
  if (Array.isArray(allowed) && !allowed.map(String).includes(value)) {
    throw configError('InvalidValue', child(at, 'AllowedValues'), {
      rule: `the value ${JSON.stringify(value)} is not one of ${allowed.map(String).join(', ')}`,
    });
  }
  if (typeof record.AllowedPattern === 'string' && !new RegExp(`^(?:${record.AllowedPattern})$`).test(value)) {
    throw configError('InvalidValue', child(at, 'AllowedPattern'), { rule: `the value ${JSON.stringify(value)} does not match ${record.AllowedPattern}` });
  }
}
