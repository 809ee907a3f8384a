import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage, ValidationTypes, type MetadataStorage, type ValidationArguments } from 'class-validator';

type Metadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];
type DtoClass = new () => object;
type Fields = Record<string, unknown>;

interface Property {
  /** False when an @IsOptional or @ValidateIf condition says the value is not to be validated at all. */
  applies(object: Fields, value: unknown): boolean;
  /** False where one of the property's constraints could fail. */
  accepts(object: Fields, value: unknown): boolean;
  /** The class of a nested object (from class-transformer's @Type), for @ValidateNested. */
  nested?: DtoClass;
}

interface Plan {
  dto: DtoClass;
  properties: Map<string, Property>;
}

/**
 * The global pipe's fast path (createValidationPipe). class-transformer and class-validator cost
 * about 50 us for one DeterminationInput, a fifth of an `evaluate`, mostly in looking up the same
 * metadata again on every call. This reads each DTO class's decorators once and runs the very
 * constraint functions class-validator would run; when they all pass, it builds the DTO instances
 * itself. Anything it is not certain about (an invalid value, an async or IsDefined constraint,
 * @ValidateNested without @Type, a value that is not a plain object) returns undefined, and the
 * caller runs the full ValidationPipe, which then produces the errors exactly as before.
 */
export class CompiledValidation {
  private readonly plans = new Map<DtoClass, Plan | null>();

  /** `value` as an instance of `dto` when it certainly passes validation; otherwise undefined. */
  instanceOf(dto: DtoClass, value: unknown): object | undefined {
    const plan = this.planFor(dto);
    return plan !== null && this.accepts(plan, value) ? this.instantiate(plan, value as Fields) : undefined;
  }

  private accepts(plan: Plan, value: unknown): boolean {
    if (!isPlainObject(value)) return false;
    // forbidNonWhitelisted: a property without decorators is an error.
    for (const key of Object.keys(value)) if (!plan.properties.has(key)) return false;
    for (const [name, property] of plan.properties) {
      const field = value[name];
      if (!property.applies(value, field)) continue;
      if (!property.accepts(value, field)) return false;
      if (property.nested !== undefined && field !== undefined && !this.acceptsNested(property.nested, field)) return false;
    }
    return true;
  }

  private acceptsNested(dto: DtoClass, value: unknown): boolean {
    const plan = this.planFor(dto);
    if (plan === null) return false;
    return Array.isArray(value) ? value.every((item) => this.accepts(plan, item)) : this.accepts(plan, value);
  }

  private instantiate(plan: Plan, value: Fields): object {
    const instance = new plan.dto() as Fields;
    for (const key of Object.keys(value)) {
      const field = value[key];
      const nested = plan.properties.get(key)?.nested;
      if (nested === undefined || field === undefined || field === null) instance[key] = field;
      else {
        const nestedPlan = this.planFor(nested)!;
        instance[key] = Array.isArray(field) ? field.map((item: Fields) => this.instantiate(nestedPlan, item)) : this.instantiate(nestedPlan, field as Fields);
      }
    }
    return instance;
  }

  private planFor(dto: DtoClass): Plan | null {
    let plan = this.plans.get(dto);
    if (plan === undefined) {
      plan = compile(dto);
      this.plans.set(dto, plan);
    }
    return plan;
  }
}

/** As ValidationExecutor reads them (no groups, `always` and `strictGroups` off); null if anything is beyond this fast path. */
function compile(dto: DtoClass): Plan | null {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(dto, '', false, false);
  // No decorators at all: class-validator refuses the value as unknown.
  if (metadatas.length === 0) return null;
  const properties = new Map<string, Property>();
  for (const [name, own] of Object.entries(storage.groupByPropertyName(metadatas))) {
    const property = compileProperty(dto, name, own, storage);
    if (property === null) return null;
    properties.set(name, property);
  }
  return { dto, properties };
}

const SUPPORTED = new Set<string>([
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.WHITELIST,
]);

function compileProperty(dto: DtoClass, name: string, metadatas: Metadata[], storage: MetadataStorage): Property | null {
  if (metadatas.some((metadata) => !SUPPORTED.has(metadata.type))) return null;
  const conditions = metadatas
    .filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION)
    .map((m) => m.constraints[0] as (object: Fields, value: unknown) => boolean);
  const checks: Array<{ metadata: Metadata; validate: (value: unknown, args: ValidationArguments) => unknown }> = [];
  for (const metadata of metadatas.filter((m) => m.type === ValidationTypes.CUSTOM_VALIDATION)) {
    for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
      if (constraint.async) return null;
      const instance = constraint.instance;
      checks.push({ metadata, validate: (value, args) => instance.validate(value, args) });
    }
  }
  let nested: DtoClass | undefined;
  if (metadatas.some((m) => m.type === ValidationTypes.NESTED_VALIDATION)) {
    const type = defaultMetadataStorage.findTypeMetadata(dto, name);
    if (type === undefined || type.options?.discriminator !== undefined) return null;
    nested = type.typeFunction() as DtoClass;
  }

  return {
    applies: (object, value) => conditions.every((condition) => condition(object, value)),
    accepts: (object, value) => {
      for (const { metadata, validate } of checks) {
        if (metadata.validateIf && !metadata.validateIf(object, value)) continue;
        if (metadata.each && (value instanceof Set || value instanceof Map)) return false;
        const args: ValidationArguments = { targetName: dto.name, property: name, object, value, constraints: metadata.constraints };
        const values: unknown[] = metadata.each && Array.isArray(value) ? value : [value];
        if (!values.every((item) => isSynchronouslyTrue(validate(item, args)))) return false;
      }
      return true;
    },
    nested,
  };
}

function isSynchronouslyTrue(result: unknown): boolean {
  return Boolean(result) && !(result instanceof Promise);
}

function isPlainObject(value: unknown): value is Fields {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
