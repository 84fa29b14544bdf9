// Tests of dom.js's format, with node's test runner (make test-loader):
// the widget fills the verbs of feedback/formtext's texts as Go's
// fmt.Sprintf does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { format } from "./dom.js";
import { TEXTS } from "./texts.js";

test("format fills %s, %d and %[n]s as fmt.Sprintf does", () => {
  assert.equal(format("%d tecken kvar", 120), "120 tecken kvar");
  assert.equal(format("Ring %s.", "08-555 010 00"), "Ring 08-555 010 00.");
  assert.equal(format("%s: %s (%s)", "a", "b", "c"), "a: b (c)");
  assert.equal(format("%[2]s (%[1]s, %[3]s)", "a", "b", "c"), "b (a, c)");
  assert.equal(format("%[2]s, %s", "a", "b", "c"), "b, c", "after %[2]s the next verb takes the third");
  assert.equal(format("100 %", 1), "100 %", "a lone percent sign stays");
  assert.equal(format("no verbs"), "no verbs");
});

test("every text of texts.js is in every language, with the same verbs", () => {
  const keys = Object.keys(TEXTS.sv);
  assert.ok(keys.length > 50);
  for (const l of ["fi", "en"]) assert.deepEqual(Object.keys(TEXTS[l]), keys, l);
  const verbs = s => (s.match(/%(?:\[[1-9]\])?[sd]/g) || []).length;
  for (const k of keys) for (const l of ["fi", "en"]) assert.equal(verbs(TEXTS[l][k]), verbs(TEXTS.sv[k]), `${k} in ${l}`);
});
