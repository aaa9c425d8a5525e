import fc from 'fast-check';
import type { JsonSchema } from './api-surface';

/** Strings that have broken parsers, validators, databases and templates before. */
export const HOSTILE_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE es_events; --",
  '1; SELECT pg_sleep(10)',
  '$1',
  '%00',
  '\u0000',
  '\uD800',
  '\uFFFF\uFFFE',
  '\u202Eevil\u202C',
  'e\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  '__proto__',
  'constructor',
  'prototype',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '{{7*7}}',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '9007199254740993',
  ' ',
  '',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.integer({ min: 1_000, max: 200_000 }).map((length) => 'a'.repeat(length)),
);

const primitive: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(0, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, true, false, null),
);

const hostileKey: fc.Arbitrary<string> = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'isAdmin', 'role', 'userId', 'id'), fc.string());

export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, primitive, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(hostileKey, tie('value'), { maxKeys: 5 }),
})).value;

/** A body text: JSON of any shape, JSON with prototype keys spelled out, deep nesting, or not JSON at all. */
export function hostileBodyText(schema: JsonSchema | undefined): fc.Arbitrary<string> {
  const sample = schema ? validSample(schema) : {};
  return fc.oneof(
    hostileJson.map((value) => JSON.stringify(value) ?? 'null'),
    mutatedSample(sample).map((value) => JSON.stringify(value)),
    fc.tuple(fc.constantFrom('__proto__', 'constructor'), hostileJson).map(([key, value]) => `{${JSON.stringify(sample).slice(1, -1)}${Object.keys(sample).length ? ',' : ''}"${key}":${JSON.stringify({ polluted: value ?? true, prototype: { polluted: true } })}}`),
    fc.integer({ min: 50, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
    fc.integer({ min: 50, max: 5_000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
    fc.constantFrom('{', '{"a":}', '[1,]', "{'a':1}", 'NaN', '\u0000', '{"a":1}{"b":2}', '\uFEFF{}', ''),
    fc.string(),
  );
}

/** One field of a valid-looking body replaced by a wrong type, a hostile string, or removed; or an unknown field added. */
function mutatedSample(sample: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(sample);
  if (keys.length === 0) return fc.dictionary(hostileKey, hostileJson, { maxKeys: 3 });
  return fc.tuple(fc.constantFrom(...keys), fc.oneof(hostileJson, hostileString), fc.constantFrom('replace', 'remove', 'add')).map(([key, value, how]) => {
    const copy: Record<string, unknown> = { ...sample };
    if (how === 'remove') delete copy[key];
    else if (how === 'replace') copy[key] = value;
    else copy[`${key}Extra`] = value;
    return copy;
  });
}

/** A body that satisfies the schema's types, so mutations probe one field at a time. */
export function validSample(schema: JsonSchema): Record<string, unknown> {
  const sample: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) sample[name] = sampleValue(name, property);
  return sample;
}

function sampleValue(name: string, schema: JsonSchema): unknown {
  if (schema.enum?.length) return schema.enum[0];
  if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
  if (schema.type === 'boolean') return true;
  if (schema.type === 'array') return [];
  if (schema.type === 'object') return {};
  if (schema.format === 'email' || /email/i.test(name)) return `fuzz-${Math.random().toString(36).slice(2, 8)}@reliability.test`;
  if (schema.format === 'date-time' || /At$|date/i.test(name)) return new Date().toISOString();
  if (schema.format === 'uuid' || /Id$/.test(name)) return '00000000-0000-4000-8000-000000000000';
  return 'x'.repeat(Math.max(schema.minLength ?? 1, 8));
}

export const hostileQuery: fc.Arbitrary<[string, string][]> = fc.array(fc.tuple(fc.oneof(hostileKey, fc.constantFrom('page', 'limit', 'offset', 'sort', 'userId', 'secret')), hostileString), { maxLength: 5 });

/** Header values fetch can send (no CR/LF, Latin-1 only). */
export const headerValue: fc.Arbitrary<string> = fc.oneof(hostileString, fc.string({ maxLength: 10_000 })).map((value) => value.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?'));

export const FUZZED_HEADERS = ['authorization', 'cookie', 'content-type', 'x-correlation-id', 'x-webhook-secret', 'accept', 'x-forwarded-for', 'origin'];
