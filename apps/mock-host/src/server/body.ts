import { InvalidBodyError, UnknownFieldError } from './errors.ts';
import { isPlainObject } from './http.ts';

/**
 * Field readers for request bodies: each returns the typed value, `undefined` when the
 * field is absent, or throws an `InvalidBodyError` naming the field and what it expects.
 */

export function rejectUnknownFields(body: Record<string, unknown>, allowed: readonly string[]) {
  for (const field of Object.keys(body)) {
    if (!allowed.includes(field)) throw new UnknownFieldError(field, allowed);
  }
}

export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw new InvalidBodyError(`"${field}" must be a non-empty string.`);
  }
  return value;
}

export function requiredString(body: Record<string, unknown>, field: string): string {
  const value = optionalString(body, field);
  if (value === undefined) throw new InvalidBodyError(`"${field}" is required.`);
  return value;
}

export function optionalInteger(
  body: Record<string, unknown>,
  field: string,
  min: number,
  max: number,
): number | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidBodyError(`"${field}" must be an integer from ${min} to ${max}.`);
  }
  return value;
}

export function optionalBoolean(body: Record<string, unknown>, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new InvalidBodyError(`"${field}" must be true or false.`);
  return value;
}

export function optionalObject(
  body: Record<string, unknown>,
  field: string,
): Record<string, unknown> | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) throw new InvalidBodyError(`"${field}" must be a JSON object.`);
  return value;
}

export function optionalOneOf<T extends string>(
  body: Record<string, unknown>,
  field: string,
  choices: readonly T[],
): T | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  const match = choices.find((choice) => choice === value);
  if (match === undefined) {
    throw new InvalidBodyError(`"${field}" must be one of: ${choices.join(', ')}.`);
  }
  return match;
}
