/**
 * What routes accept, declared as zod schemas: field builders for the shapes the API takes, and
 * the parsers the route helper runs over params, query and body. A failure names the field.
 */
import * as z from 'zod';
import { ApiError, type ApiErrorCode } from './errors.ts';

/** C0 control characters other than tab and newline, and DEL: NUL breaks PostgreSQL text, others forge log lines. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/;

/** Half of a UTF-16 pair without the other half: no UTF-8 text can hold it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text a person typed, trimmed: `min` (default 1) to `max` characters, tab and newline allowed,
 * other control characters and lone surrogates refused.
 */
export function text(limits: { max: number; min?: number }) {
  const min = limits.min ?? 1;
  return z
    .string({ error: 'must be a string' })
    .refine((value) => !CONTROL.test(value), { error: 'must not contain control characters' })
    .refine((value) => !LONE_SURROGATE.test(value), { error: 'must be valid Unicode' })
    .transform((value) => value.trim())
    .pipe(
      z
        .string()
        .min(min, { error: min === 1 ? 'must not be empty' : `must be at least ${min} characters` })
        .max(limits.max, { error: `must be at most ${limits.max} characters` }),
    );
}

/** A whole number in a query string (`?limit=20`), `min` to `max`; `fallback` when absent. */
export function queryInteger(limits: { min: number; max: number; fallback: number }) {
  return z
    .string()
    .regex(/^\d{1,9}$/, { error: `must be a whole number from ${limits.min} to ${limits.max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(limits.min, { error: `must be from ${limits.min} to ${limits.max}` })
        .max(limits.max, { error: `must be from ${limits.min} to ${limits.max}` }),
    )
    .default(limits.fallback);
}

/** Any schema whose input is an object, as the helper hands it params, query or body. */
export type ObjectSchema = z.ZodType<unknown, Record<string, unknown>>;

/** The value a schema yields, or `undefined` when a method declares none. */
export type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** Parses `value` with `schema`. @throws ApiError `code`, naming the first failing field. */
export function parse<S extends ObjectSchema>(
  schema: S,
  value: Record<string, unknown>,
  code: ApiErrorCode,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const field = issue?.path.length ? `"${issue.path.join('.')}" ` : '';
  throw new ApiError(code, { message: `${field}${issue?.message ?? 'is not valid'}.` });
}

/**
 * The query string as an object of strings.
 * @throws ApiError `invalid_query` when a parameter appears twice: which one counts is ambiguous.
 */
export function queryOf(url: URL): Record<string, string> {
  // No prototype: a parameter named __proto__ is just a parameter.
  const query: Record<string, string> = Object.create(null);
  for (const [key, value] of url.searchParams) {
    if (Object.hasOwn(query, key)) {
      const name = /^[\w.-]{1,40}$/.test(key) ? `"${key}"` : 'A parameter';
      throw new ApiError('invalid_query', { message: `${name} appears more than once.` });
    }
    query[key] = value;
  }
  return query;
}
