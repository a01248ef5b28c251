// Malformed inputs for `npm run fuzz`: every field of a valid input replaced by values of the wrong
// type, huge, with NUL or lone surrogates, ambiguous or out-of-range amounts, bad uuids; fields
// left out or added; whole inputs that are not objects; raw bodies that are not tRPC at all.
import superjson from "superjson";

export type Body = { label: string; body: string };

const uuidLike = ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "0190abcd-0000-7000-8000-00000000000g", "{0190abcd-0000-7000-8000-000000000001}"];

/** Values no field of any mutation should take as they are (some are valid for some fields). */
export const BAD_VALUES: [label: string, value: unknown][] = [
  ["0", 0],
  ["1", 1],
  ["-1", -1],
  ["1.5", 1.5],
  ["2^53+1", 9007199254740993],
  ["true", true],
  ["false", false],
  ["null", null],
  ["[]", []],
  ["{}", {}],
  ['["a"]', ["a"]],
  ['{"a":1}', { a: 1 }],
  ["nested array", [[[[["deep"]]]]]],
  ['""', ""],
  ['" "', " "],
  ["10k chars", "x".repeat(10_000)],
  ["300k chars", "y".repeat(300_000)],
  ["NUL", "a\u0000b"],
  ["only NUL", "\u0000"],
  ["lone high surrogate", "a\ud800b"],
  ["lone low surrogate", "\udfff"],
  ["ESC sequence", "\u001b[2J\u001b[31mred"],
  ["C1 control", "a\u0085b"],
  ["DEL", "a\u007fb"],
  ["bidi override", "\u202Eevil"],
  ['"0,500"', "0,500"],
  ['"0,050"', "0,050"],
  ['"000,001"', "000,001"],
  ['"1,5"', "1,5"],
  ['"1.234,56"', "1.234,56"],
  ['"12,34,567"', "12,34,567"],
  ['"-5.00"', "-5.00"],
  ['"-0"', "-0"],
  ['"0"', "0"],
  ['"0.001"', "0.001"],
  ['"1e3"', "1e3"],
  ['"1e309"', "1e309"],
  ['"huge amount"', "99999999999999999999999999999"],
  ['"NaN"', "NaN"],
  ['"Infinity"', "Infinity"],
  ['"0x10"', "0x10"],
  ['" 5 "', " 5 "],
  ['".5"', ".5"],
  ['"5."', "5."],
  ['"+5"', "+5"],
  ["arabic digits", "١٢٣"],
  ["fullwidth digits", "１２３"],
  ...uuidLike.map((u): [string, unknown] => [`uuid ${u}`, u]),
  ["SQL", "'; DROP TABLE store_credit; --"],
  ["html", "<script>alert(1)</script>"],
  ["path", "../../etc/passwd"],
  ['"usd"', "usd"],
  ['"XXX"', "XXX"],
  ['"USD\\u0000"', "USD\u0000"],
  ["bad date text", "2026-13-45"],
  ["max Date", new Date(8.64e15)],
  ["min Date", new Date(-8.64e15)],
  ["invalid Date", new Date(Number.NaN)],
  ["past Date", new Date("2000-01-01")],
  ["BigInt", 10n ** 30n],
];

/** A tiny seeded RNG, so a run can be repeated exactly. */
export function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const serialize = (input: unknown) => JSON.stringify(superjson.serialize(input));

/** Raw bodies that are not a tRPC input at all. */
const RAW_BODIES: Body[] = [
  { label: "empty body", body: "" },
  { label: "body null", body: "null" },
  { label: "body []", body: "[]" },
  { label: "body 0", body: "0" },
  { label: 'body "x"', body: '"x"' },
  { label: "truncated JSON", body: '{"json":{' },
  { label: "json null", body: '{"json":null}' },
  { label: "json []", body: '{"json":[]}' },
  { label: "bad superjson meta", body: '{"json":{},"meta":{"values":{"a":["Date"]}}}' },
  { label: "superjson meta pointing at __proto__", body: '{"json":{},"meta":{"values":{"__proto__.x":["undefined"]}}}' },
  { label: "deeply nested", body: `{"json":${"[".repeat(5000)}${"]".repeat(5000)}}` },
  { label: "body over 1 MB", body: `{"json":{"memo":"${"z".repeat(1_100_000)}"}}` },
  { label: "not UTF-8 text", body: "\u00ff\u00fe\u0000" },
];

/**
 * At least `minimum` malformed bodies for one mutation, from valid inputs made by `baseOf`: each field
 * replaced by each bad value, each field left out, extra and prototype fields, non-object inputs,
 * raw bodies, then random pairs of bad fields until there are enough.
 */
export function malformedBodies(baseOf: () => Record<string, unknown>, minimum: number, seed: number): Body[] {
  // A fresh base per body: a new idempotency key (and a new name) for every call.
  const fields = Object.keys(baseOf());
  const bodies: Body[] = [];
  for (const field of fields) {
    for (const [label, value] of BAD_VALUES) bodies.push({ label: `${field} = ${label}`, body: serialize({ ...baseOf(), [field]: value }) });
    const { [field]: _left, ...without } = baseOf();
    bodies.push({ label: `without ${field}`, body: serialize(without) });
  }
  for (const [label, value] of [
    ["input null", null],
    ["input []", []],
    ["input [base]", [baseOf()]],
    ["input string", "credits"],
    ["input number", 42],
    ["input {}", {}],
  ] as [string, unknown][]) {
    bodies.push({ label, body: serialize(value) });
  }
  bodies.push({ label: "__proto__ field", body: serialize(baseOf()).replace('{"json":{', '{"json":{"__proto__":{"isAdmin":true},') });
  // superjson refuses to serialize these keys, so they are written as plain JSON.
  bodies.push({ label: "constructor field", body: JSON.stringify({ json: { ...baseOf(), constructor: { prototype: { x: 1 } } } }) });
  bodies.push(...RAW_BODIES);
  const random = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  while (bodies.length < minimum) {
    const [a, b] = [pick(fields), pick(fields)];
    const [la, va] = pick(BAD_VALUES);
    const [lb, vb] = pick(BAD_VALUES);
    bodies.push({ label: `${a} = ${la}, ${b} = ${lb}`, body: serialize({ ...baseOf(), [a]: va, [b]: vb }) });
  }
  return bodies;
}

/** Crafted cursors for the paged lists. */
export const CRAFTED_CURSORS: [label: string, cursor: unknown][] = [
  ["time before year 1", { at: "-271821-04-20T00:00:00.000Z", id: "0190abcd-0000-7000-8000-000000000001" }],
  ["time after 9999", { at: "+275760-09-13T00:00:00.000Z", id: "0190abcd-0000-7000-8000-000000000001" }],
  ["time as number", { at: 0, id: "0190abcd-0000-7000-8000-000000000001" }],
  ["id not a uuid", { at: "2026-01-01T00:00:00.000Z", id: "1; DROP TABLE refund" }],
  ["seq past bigint", { seq: "9223372036854775808" }],
  ["seq negative", { seq: "-1" }],
  ["seq as number", { seq: 12 }],
  ["search v wrong type", { s: 0, v: 12, i: "0190abcd-0000-7000-8000-000000000001", t: "next", m: "literal" }],
  ["search v not a date", { s: 0, v: "zzz", i: "0190abcd-0000-7000-8000-000000000001", t: "next", m: "literal" }],
  ["search v with NUL", { s: 0, v: "a\u0000", i: "0190abcd-0000-7000-8000-000000000001", t: "next", m: "literal" }],
  ["search segment huge", { s: 1e9, v: "a", i: "0190abcd-0000-7000-8000-000000000001", t: "next", m: "literal" }],
  ["null", null],
  ["array", [1, 2]],
  ["extra field", { at: "2026-01-01T00:00:00.000Z", id: "0190abcd-0000-7000-8000-000000000001", x: 1 }],
].map(([label, value]): [string, unknown] => [label as string, Buffer.from(JSON.stringify(value)).toString("base64url")])
  .concat([
    ["not base64 JSON", "bogus"],
    ["600 characters", "A".repeat(600)],
    ["NUL", "\u0000"],
    ["number", 12],
  ]);
