import fc from 'fast-check';

// Damage done to inputs by the fuzz tests: JSON values changed where they sit, and bytes of a
// file changed, cut or added. Each is an arbitrary of fast-check, so that a failure shrinks to a
// small case and is replayed from its seed.

/** How many damaged inputs each fuzz property tries: few in the ordinary test run, many with `npm run fuzz`. */
export function fuzzRuns(ordinary: number): number {
  const asked = Number(process.env.ARIADNE_FUZZ_RUNS);
  return Number.isSafeInteger(asked) && asked > 0 ? asked : ordinary;
}

/** The time one fuzz test may take: ten minutes in the ordinary run, a day for `npm run fuzz`. */
export const FUZZ_TIMEOUT = process.env.ARIADNE_FUZZ_RUNS ? 24 * 3600_000 : 600_000;

/** The seed of a fuzz run: `ARIADNE_FUZZ_SEED` replays one, otherwise fast-check draws one and prints it on failure. */
export function fuzzSeed(): { seed?: number } {
  const seed = Number(process.env.ARIADNE_FUZZ_SEED);
  return Number.isSafeInteger(seed) ? { seed } : {};
}

/** Values that break an input in the ways files and programs do. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer(),
  fc.constantFrom(-1, 0, 1e308, -1e308, 2 ** 53 + 1, 0.1, -0.0, 1e-320),
  fc.double(),
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\uFFFF',
    '\uD800',
    '__proto__',
    'constructor',
    '2021-02-30',
    '9999-99-99',
    'NaN',
    '<script>',
    '../../etc',
  ),
  fc.constant('x'.repeat(70_000)),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };

/** Every place in a JSON value where something sits: a property of an object or an element of a list. */
function slots(value: unknown, out: Slot[] = []): Slot[] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      out.push({ parent: value, key: index });
      slots(item, out);
    });
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      out.push({ parent: value as Record<string, unknown>, key });
      slots(item, out);
    }
  }
  return out;
}

/** Every string in a JSON value: a reference replaced by another that exists is the subtle damage. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((item) => strings(item, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((item) => strings(item, out));
  return out;
}

export type JsonMutation = {
  at: number;
  kind: 'remove' | 'replace' | 'duplicate' | 'borrow' | 'add' | 'nest';
  value: unknown;
  other: number;
};

export const jsonMutation: fc.Arbitrary<JsonMutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('remove', 'replace', 'duplicate', 'borrow', 'add', 'nest'),
  value: oddValue,
  other: fc.nat(),
});

/** Applies the mutations to a copy of the value, and returns the copy. */
export function mutateJson<T>(original: T, mutations: readonly JsonMutation[]): unknown {
  const root: { value: unknown } = { value: structuredClone(original) };
  for (const mutation of mutations) {
    const places = [{ parent: root as unknown as Record<string, unknown>, key: 'value' } as Slot, ...slots(root.value)];
    const { parent, key } = places[mutation.at % places.length]!;
    const set = (value: unknown): void => {
      (parent as Record<string | number, unknown>)[key] = value;
    };
    const current = (parent as Record<string | number, unknown>)[key];
    switch (mutation.kind) {
      case 'remove':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key as string];
        break;
      case 'replace':
        set(mutation.value);
        break;
      case 'duplicate':
        if (Array.isArray(parent)) parent.push(structuredClone(current));
        else set([current, current]);
        break;
      case 'borrow': {
        const all = strings(root.value);
        if (all.length > 0) set(all[mutation.other % all.length]);
        break;
      }
      case 'add':
        if (current && typeof current === 'object' && !Array.isArray(current))
          (current as Record<string, unknown>)[`extra${mutation.other % 7}`] = mutation.value;
        else set(mutation.value);
        break;
      case 'nest': {
        let deep: unknown = current;
        for (let i = 0; i < 200 + (mutation.other % 300); i += 1) deep = [deep];
        set(deep);
        break;
      }
    }
  }
  return root.value;
}

export type ByteMutation = { at: number; kind: 'flip' | 'cut' | 'insert' | 'remove' | 'swap'; byte: number; length: number };

export const byteMutation: fc.Arbitrary<ByteMutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('flip', 'cut', 'insert', 'remove', 'swap'),
  byte: fc.integer({ min: 0, max: 255 }),
  length: fc.integer({ min: 1, max: 64 }),
});

/** Applies byte-level damage to a copy of a file. */
export function mutateBytes(original: Buffer, mutations: readonly ByteMutation[]): Buffer {
  let bytes = Buffer.from(original);
  for (const mutation of mutations) {
    if (bytes.length === 0) break;
    const at = mutation.at % bytes.length;
    switch (mutation.kind) {
      case 'flip':
        bytes[at] = bytes[at]! ^ (mutation.byte || 1);
        break;
      case 'cut':
        bytes = bytes.subarray(0, at);
        break;
      case 'insert':
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.alloc(mutation.length, mutation.byte), bytes.subarray(at)]);
        break;
      case 'remove':
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + mutation.length)]);
        break;
      case 'swap': {
        const other = (at + mutation.length * 977) % bytes.length;
        const saved = bytes[at]!;
        bytes[at] = bytes[other]!;
        bytes[other] = saved;
        break;
      }
    }
  }
  return bytes;
}
