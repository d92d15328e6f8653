import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, validationError } from '../errors/app-error';
import { isStorableDate } from './storable-date';

/** Deeper than any request shape Parley accepts (the deepest, a verdict's sources, is 3). */
export const MAX_INPUT_DEPTH = 32;

interface InputNode {
  v: unknown;
  depth: number;
  /** The top-level field the value sits under ('' for the root). */
  field: string;
}

/**
 * Every value of a parsed input, depth first, with its depth and top-level field. Iterative: a
 * hostile document thousands of levels deep must not overflow the stack. A node's children are
 * pushed only after it has been yielded, so a caller that stops at a node never descends past it.
 */
function* inputNodes(value: unknown): Generator<InputNode> {
  const stack: InputNode[] = [{ v: value, depth: 0, field: '' }];
  while (stack.length > 0) {
    const node = stack.pop() as InputNode;
    yield node;
    if (node.v === null || typeof node.v !== 'object') continue;
    for (const [key, inner] of Object.entries(node.v)) stack.push({ v: inner, depth: node.depth + 1, field: node.field || key });
  }
}

/** The first field (top-level name) whose value nests deeper than `max` arrays or objects, or null. */
export function tooDeep(value: unknown, max = MAX_INPUT_DEPTH): string | null {
  for (const { v, depth, field } of inputNodes(value)) {
    if (v !== null && typeof v === 'object' && depth >= max) return field || 'body';
  }
  return null;
}

const LONE_SURROGATE = /\p{Cs}/gu;

/**
 * The input with every unpaired UTF-16 surrogate replaced by U+FFFD, as comment bodies already
 * were (normalizeBody): such a string is not text, PostgreSQL cannot store it, and some validators
 * throw on it. Copies only what changes; depth is already bounded by tooDeep.
 */
export function withoutLoneSurrogates<T>(value: T): T {
  if (typeof value === 'string') return (/\p{Cs}/u.test(value) ? value.replace(LONE_SURROGATE, '\uFFFD') : value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items = value.map((v) => withoutLoneSurrogates(v));
    return (items.some((v, i) => v !== value[i]) ? items : value) as T;
  }
  let copy: Record<string, unknown> | null = null;
  for (const [key, inner] of Object.entries(value)) {
    const cleaned = withoutLoneSurrogates(inner);
    if (cleaned !== inner) {
      copy ??= { ...(value as Record<string, unknown>) };
      copy[key] = cleaned;
    }
  }
  return (copy ?? value) as T;
}

/** The first field (top-level name) of a converted DTO holding a date outside years 1..9999, or null. */
export function unstorableDate(value: unknown): string | null {
  for (const { v, field } of inputNodes(value)) {
    if (v instanceof Date && !Number.isNaN(v.getTime()) && !isStorableDate(v)) return field || 'value';
  }
  return null;
}

/**
 * Three kinds of input used to escape validation as a 500:
 * - class-transformer converts nested values recursively, so a body nested a few thousand levels
 *   deep (a few KB of "[[[[") overflowed the stack before validation ran. Such input is refused
 *   first.
 * - a string with an unpaired UTF-16 surrogate ("\udfd0" in JSON) is not text: validator.js's
 *   isEmail threw URIError on it and PostgreSQL refused it inside jsonb (audit details, sources),
 *   while text columns stored U+FFFD. Every such surrogate becomes U+FFFD before validation, as
 *   comment bodies always did.
 * - a valid ISO date far from now (year -10000, 0 or +275760) passes @IsDate but PostgreSQL
 *   cannot store or compare it, and date arithmetic on it gives Invalid Date. Dates are held to
 *   years 1 to 9999 after conversion.
 */
class GuardedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return super.transform(value, metadata);
    const deep = tooDeep(value);
    if (deep !== null) {
      throw validationError([{ field: deep, message: `${deep} is nested more than ${MAX_INPUT_DEPTH} levels deep` }]);
    }
    const converted = await super.transform(withoutLoneSurrogates(value), metadata);
    const badDate = unstorableDate(converted);
    if (badDate !== null) throw validationError([{ field: badDate, message: `${badDate} must be a date between the years 1 and 9999` }]);
    return converted;
  }
}

/**
 * Constraints that say what kind of value a field needs. When one of them fails, the value is of
 * the wrong kind and the field's other messages (lengths, patterns) would only mislead: "must be
 * shorter than 60 characters" said of a number.
 */
const KIND_CONSTRAINTS = new Set([
  'whitelistValidation',
  'nestedValidation',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isDate',
  'isArray',
  'isObject',
  'isEnum',
  'isIn',
]);

/**
 * A field's messages, the actual problem first. A missing field is "required" and a null one
 * "must not be null" (a field that accepts null is never validated when null). Otherwise a
 * failed kind check alone, else every failed check in the order the DTO declares them
 * (class-validator reports decorators bottom-up, so its order is reversed).
 */
export function fieldMessages(field: string, value: unknown, constraints: Record<string, string>): string[] {
  if (value === undefined) return [`${field} is required`];
  if (value === null) return [`${field} must not be null`];
  const failed = Object.entries(constraints).reverse();
  const kind = failed.filter(([name]) => KIND_CONSTRAINTS.has(name));
  return (kind.length > 0 ? kind : failed).map(([, message]) => message);
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) for (const message of fieldMessages(field, e.value, e.constraints)) out.push({ field, message });
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/** Strict request parsing: unknown fields are refused, values are converted to the DTO's types. */
export function createValidationPipe(): ValidationPipe {
  return new GuardedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The value is read to tell a missing or null field from a wrong one; it never reaches the response.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => validationError(flatten(errors)),
  });
}
