/**
 * A small imitation of pydantic v2 model validation, for the request models Dify validates
 * (`ChatRequestPayload`, `ConversationListQuery`, ...). Failures become what Dify sends:
 * 400 `invalid_param` whose message is pydantic's multi-line `str(ValidationError)`.
 */
import { HttpError } from './httpError';
import { pyRepr, pyTypeName } from './pyjson';

export interface PydanticError {
  loc: Array<string | number>;
  msg: string;
  type: string;
  input: unknown;
}

const DOCS = 'https://errors.pydantic.dev/2.11/v/';

/** pydantic-core shortens long `input_value` reprs to the first 25 and last 24 characters. */
function truncated(repr: string): string {
  const chars = Array.from(repr);
  return chars.length > 50 ? `${chars.slice(0, 25).join('')}...${chars.slice(-24).join('')}` : repr;
}

/** `str(ValidationError)` as pydantic 2.11 prints it. */
export function formatValidationError(model: string, errors: PydanticError[]): string {
  const lines = [`${errors.length} validation error${errors.length === 1 ? '' : 's'} for ${model}`];
  for (const e of errors) {
    if (e.loc.length > 0) lines.push(e.loc.join('.'));
    lines.push(`  ${e.msg} [type=${e.type}, input_value=${truncated(pyRepr(e.input))}, input_type=${pyTypeName(e.input)}]`);
    lines.push(`    For further information visit ${DOCS}${e.type}`);
  }
  return lines.join('\n');
}

/** A field check: returns the coerced value, or errors (whose loc is relative to the field). */
export type Check = (value: unknown) => { value: unknown } | { errors: PydanticError[] };

const err = (type: string, msg: string, input: unknown, loc: Array<string | number> = []): { errors: PydanticError[] } => ({
  errors: [{ loc, msg, type, input }],
});

export const str: Check = (v) => (typeof v === 'string' ? { value: v } : err('string_type', 'Input should be a valid string', v));

export function strLength(min: number, max: number): Check {
  return (v) => {
    if (typeof v !== 'string') return err('string_type', 'Input should be a valid string', v);
    const n = Array.from(v).length;
    if (n < min) return err('string_too_short', `String should have at least ${min} character${min === 1 ? '' : 's'}`, v);
    if (n > max) return err('string_too_long', `String should have at most ${max} character${max === 1 ? '' : 's'}`, v);
    return { value: v };
  };
}

export const dict: Check = (v) =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? { value: v } : err('dict_type', 'Input should be a valid dictionary', v);

export function listOf(item: Check): Check {
  return (v) => {
    if (!Array.isArray(v)) return err('list_type', 'Input should be a valid list', v);
    const errors: PydanticError[] = [];
    const out: unknown[] = [];
    v.forEach((x, i) => {
      const r = item(x);
      if ('errors' in r) errors.push(...r.errors.map((e) => ({ ...e, loc: [i, ...e.loc] })));
      else out.push(r.value);
    });
    return errors.length ? { errors } : { value: out };
  };
}

const TRUE = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const FALSE = new Set(['0', 'off', 'f', 'false', 'n', 'no']);

export const bool: Check = (v) => {
  if (typeof v === 'boolean') return { value: v };
  if (v === 0 || v === 1) return { value: v === 1 };
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (TRUE.has(s)) return { value: true };
    if (FALSE.has(s)) return { value: false };
    return err('bool_parsing', 'Input should be a valid boolean, unable to interpret input', v);
  }
  return err('bool_type', 'Input should be a valid boolean', v);
};

function pyQuoteList(values: readonly string[]): string {
  const q = values.map((x) => pyRepr(x));
  return q.length === 1 ? (q[0] as string) : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1] as string}`;
}

export function literal(values: readonly string[]): Check {
  return (v) =>
    typeof v === 'string' && values.includes(v)
      ? { value: v }
      : err('literal_error', `Input should be ${pyQuoteList(values)}`, v);
}

/** `int` with optional `ge`/`le` (lax mode: numeric strings are accepted, as query strings always are). */
export function int(opts: { ge?: number; le?: number } = {}): Check {
  return (v) => {
    let n: number;
    if (typeof v === 'number') {
      if (!Number.isInteger(v)) return err('int_from_float', 'Input should be a valid integer, got a number with a fractional part', v);
      n = v;
    } else if (typeof v === 'string') {
      const s = v.trim();
      if (!/^[+-]?\d+$/.test(s.replace(/_/g, ''))) {
        return err('int_parsing', 'Input should be a valid integer, unable to parse string as an integer', v);
      }
      n = Number(s.replace(/_/g, ''));
    } else if (typeof v === 'boolean') {
      n = v ? 1 : 0;
    } else {
      return err('int_type', 'Input should be a valid integer', v);
    }
    if (opts.ge !== undefined && n < opts.ge) return err('greater_than_equal', `Input should be greater than or equal to ${opts.ge}`, v);
    if (opts.le !== undefined && n > opts.le) return err('less_than_equal', `Input should be less than or equal to ${opts.le}`, v);
    return { value: n };
  };
}

/** Why the Rust `uuid` crate rejects a string (pydantic passes its text through). */
export function uuidProblem(s: string): string | null {
  let body = s;
  if (body.startsWith('urn:uuid:')) body = body.slice(9);
  else if (body.startsWith('{') && body.endsWith('}')) body = body.slice(1, -1);
  const chars = Array.from(body);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (!/[0-9a-fA-F-]/.test(c)) {
      return `invalid character: expected an optional prefix of \`urn:uuid:\` followed by [0-9a-fA-F-], found \`${c}\` at ${i + 1}`;
    }
  }
  if (body.includes('-')) {
    const groups = body.split('-');
    if (groups.length !== 5) return `invalid group count: expected 5, found ${groups.length}`;
    const want = [8, 4, 4, 4, 12];
    for (let g = 0; g < 5; g++) {
      const len = (groups[g] as string).length;
      if (len !== want[g]) return `invalid group length in group ${g}: expected ${want[g] as number}, found ${len}`;
    }
    return null;
  }
  return body.length === 32 ? null : `invalid length: expected length 32 for simple format, found ${body.length}`;
}

/** Canonical lowercase hyphenated form of a valid UUID string. */
export function canonicalUuid(s: string): string {
  const hex = s.replace(/^urn:uuid:/, '').replace(/[{}-]/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const uuid: Check = (v) => {
  if (typeof v !== 'string') return err('uuid_type', 'UUID input should be a string, bytes or UUID object', v);
  const problem = uuidProblem(v);
  return problem ? err('uuid_parsing', `Input should be a valid UUID, ${problem}`, v) : { value: canonicalUuid(v) };
};

/** `X | None`: null passes as null. */
export function optional(check: Check): Check {
  return (v) => (v === null ? { value: null } : check(v));
}

/** A `field_validator` that raised ValueError(message). */
export function valueError(message: string, input: unknown): { errors: PydanticError[] } {
  return err('value_error', `Value error, ${message}`, input);
}

export interface Field {
  name: string;
  check: Check;
  /** Absent from the input: use this default; a field without one is required. */
  default?: unknown;
}

/**
 * Validates `input` against the fields in declaration order (pydantic reports every failing field, in
 * that order) and throws the 400 Dify would send.
 */
export function validateModel(model: string, input: Record<string, unknown>, fields: Field[]): Record<string, unknown> {
  const errors: PydanticError[] = [];
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (!(f.name in input)) {
      if ('default' in f) out[f.name] = f.default;
      else errors.push({ loc: [f.name], msg: 'Field required', type: 'missing', input });
      continue;
    }
    const r = f.check(input[f.name]);
    if ('errors' in r) errors.push(...r.errors.map((e) => ({ ...e, loc: [f.name, ...e.loc] })));
    else out[f.name] = r.value;
  }
  if (errors.length) throw invalidParam(formatValidationError(model, errors));
  return out;
}

/** A model-level (`model_validator`) failure. */
export function modelValueError(model: string, message: string, input: unknown): HttpError {
  return invalidParam(formatValidationError(model, [{ loc: [], msg: `Value error, ${message}`, type: 'value_error', input }]));
}

/** A `ValueError` escaping a view: 400 invalid_param with `str(e)`. */
export function invalidParam(message: string): HttpError {
  return new HttpError(400, 'invalid_param', message);
}
