import { type At, child, configError } from './config-error.js';
import { expectRecord, isRecord, type Record_ } from './document-checks.js';
import { generatedResourceType, RESOURCE_TYPES } from './resource-attributes.js';
import type { ArnScope } from './resource-arns.js';
import { conditionValue, type IntrinsicContext, INTRINSICS, intrinsicCall, NO_VALUE } from './template-intrinsics.js';
import type { TemplateParameters } from './template-parameters.js';
import type { WarningLog } from './warning-log.js';

export interface EvaluatorOptions {
  readonly scope: ArnScope;
  readonly stackName: string;
  /** Values for `Fn::ImportValue` (exports of other stacks). */
  readonly imports: Readonly<Record<string, string>>;
  readonly parameters: TemplateParameters;
  readonly warnings: WarningLog;
}

/**
 * Evaluates CloudFormation intrinsic functions over one template. The loaders call `resolve`
 * only on the properties Flowgate reads, never on a whole template: a policy or VPC setting
 * of a resource Flowgate skips can never fail a load.
 *
 * Conditions and resource names are computed once, on first use, with cycle detection.
 */
export class TemplateEvaluator implements IntrinsicContext {
  readonly region: string;
  private readonly resources: Record_;
  private readonly types = new Map<string, string>();
  private readonly conditions = new Map<string, boolean>();
  private readonly names = new Map<string, string>();
  private readonly inProgress: string[] = [];

  constructor(
    private readonly template: Record_,
    private readonly file: string,
    private readonly options: EvaluatorOptions,
  ) {
    this.region = options.scope.region;
    this.resources = template.Resources === undefined ? {} : expectRecord(template.Resources, this.at('Resources'));
    for (const [id, resource] of Object.entries(this.resources)) {
      if (isRecord(resource) && typeof resource.Type === 'string') this.types.set(id, resource.Type);
    }
  }

  /** The value with every intrinsic evaluated; `undefined` when it is `AWS::NoValue`. */
  property(value: unknown, at: At): unknown {
    const result = this.resolve(value, at);
    return result === NO_VALUE ? undefined : result;
  }

  resolve(value: unknown, at: At): unknown {
    if (Array.isArray(value)) return value.map((item, index) => this.resolve(item, child(at, index))).filter((item) => item !== NO_VALUE);
    if (!isRecord(value)) return value;
    const call = intrinsicCall(value);
    if (call !== undefined) {
      const [name, args] = call;
      const intrinsic = INTRINSICS[name];
      if (intrinsic === undefined) {
        throw configError('InvalidIntrinsic', child(at, name), { fn: name, rule: 'is not an intrinsic function CloudFormation knows' });
      }
      return intrinsic(args, child(at, name), this);
    }
    const result: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      const resolved = this.resolve(entry, child(at, key));
      if (resolved !== NO_VALUE) Object.defineProperty(result, key, { value: resolved, enumerable: true, writable: true, configurable: true });
    }
    return result;
  }

  ref(name: string, at: At): unknown {
    const pseudo = this.pseudoParameter(name);
    if (pseudo !== undefined) return pseudo;
    if (this.options.parameters.has(name)) return this.options.parameters.value(name, at);
    const type = this.typeOf(name);
    if (type === undefined) throw this.unknownResource(name, at, 'parameter or resource');
    return RESOURCE_TYPES[type]?.ref(this.physicalName(name, at), this.options.scope, name) ?? name;
  }

  getAtt(resource: string, attribute: string, at: At): unknown {
    const type = this.typeOf(resource);
    if (type === undefined) throw this.unknownResource(resource, at, 'resource');
    const known = RESOURCE_TYPES[type];
    // Unemulated types: a recognisable placeholder rather than a failure (the resource is warned about).
    if (known === undefined) return `${resource}.${attribute}`;
    const attributeOf = known.attributes[attribute];
    if (attributeOf === undefined) {
      throw configError('InvalidIntrinsic', at, {
        fn: 'Fn::GetAtt',
        rule: `${type} has no attribute '${attribute}' here (known: ${Object.keys(known.attributes).join(', ')})`,
      });
    }
    return attributeOf(this.physicalName(resource, at), this.options.scope, resource);
  }

  condition(name: string, at: At): boolean {
    const cached = this.conditions.get(name);
    if (cached !== undefined) return cached;
    const section = isRecord(this.template.Conditions) ? this.template.Conditions : {};
    if (!Object.hasOwn(section, name)) {
      throw configError('UnknownReference', at, { kind: 'condition', name, known: Object.keys(section).join(', ') });
    }
    const holds = this.guarded(`Conditions.${name}`, at, () => conditionValue(section[name], this.at('Conditions', name), this));
    this.conditions.set(name, holds);
    return holds;
  }

  findInMap(map: string, top: string, second: string): unknown {
    const mappings = isRecord(this.template.Mappings) ? this.template.Mappings : {};
    const level1 = Object.hasOwn(mappings, map) ? mappings[map] : undefined;
    const level2 = isRecord(level1) && Object.hasOwn(level1, top) ? level1[top] : undefined;
    return isRecord(level2) && Object.hasOwn(level2, second) ? level2[second] : undefined;
  }

  importValue(name: string, at: At): unknown {
    if (Object.hasOwn(this.options.imports, name)) return this.options.imports[name];
    const topic = 'Fn::ImportValue has no value (other stacks are not deployed here); pass it in the loader imports';
    this.options.warnings.report(topic, `${name} (${this.describe(at)})`);
    return `ImportValue:${name}`;
  }

  transform(name: string, at: At): unknown {
    this.options.warnings.report('Macros other than AWS::Include are not run; the value was left out', `${name} (${this.describe(at)})`);
    return NO_VALUE;
  }

  /** `Resources.<id>.Type`, including the resources SAM generates beside declared ones. */
  typeOf(logicalId: string): string | undefined {
    return this.types.get(logicalId) ?? generatedResourceType(logicalId, this.types);
  }

  /** A resource's name: its name property (`FunctionName`, `Name`…) when set, else its logical id. */
  physicalName(logicalId: string, at: At): string {
    const cached = this.names.get(logicalId);
    if (cached !== undefined) return cached;
    const type = this.typeOf(logicalId);
    const property = type === undefined ? undefined : RESOURCE_TYPES[type]?.nameProperty;
    const resource = this.resources[logicalId];
    const properties = isRecord(resource) && isRecord(resource.Properties) ? resource.Properties : {};
    let name = logicalId;
    if (property !== undefined && properties[property] !== undefined) {
      const propertyAt = this.at('Resources', logicalId, 'Properties', property);
      const value = this.guarded(`Resources.${logicalId}`, at, () => this.property(properties[property], propertyAt));
      if (typeof value !== 'string' || value === '') {
        throw configError('InvalidType', propertyAt, { expected: 'a name (a non-empty string)', got: typeof value });
      }
      name = value;
    }
    this.names.set(logicalId, name);
    return name;
  }

  at(...path: (string | number)[]): At {
    return { file: this.file, path };
  }

  private pseudoParameter(name: string): unknown {
    const { scope, stackName } = this.options;
    switch (name) {
      case 'AWS::Region':
        return scope.region;
      case 'AWS::AccountId':
        return scope.accountId;
      case 'AWS::Partition':
        return scope.partition;
      case 'AWS::StackName':
        return stackName;
      case 'AWS::StackId':
        return `arn:${scope.partition}:cloudformation:${scope.region}:${scope.accountId}:stack/${stackName}/00000000-0000-0000-0000-000000000000`;
      case 'AWS::URLSuffix':
        return scope.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
      case 'AWS::NotificationARNs':
        return [];
      case 'AWS::NoValue':
        return NO_VALUE;
      default:
        return undefined;
    }
  }

  private guarded<T>(key: string, at: At, compute: () => T): T {
    if (this.inProgress.includes(key)) {
      throw configError('CircularReference', at, { chain: [...this.inProgress.slice(this.inProgress.indexOf(key)), key].join(' → ') });
    }
    this.inProgress.push(key);
    try {
      return compute();
    } finally {
      this.inProgress.pop();
    }
  }

  private unknownResource(name: string, at: At, kind: string): Error {
    return configError('UnknownReference', at, { kind, name, known: '' });
  }

  private describe(at: At): string {
    return at.path.slice(0, 2).join('.');
  }
}
