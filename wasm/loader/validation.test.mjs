// Tests of the widget's checks before sending (validation.js), with node's
// test runner: `make test-loader`, or node --test wasm/loader/.
//
// The cases of validEmail and validPhone are feedback/testdata/
// contact_checks.json, the table the Go test of feedback.ValidEmail and
// feedback.ValidPhone reads, so the widget and the server answer alike.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { validEmail, validPhone, formErrors, MAX_TEXT, MAX_NAME } from "./validation.js";

const table = JSON.parse(readFileSync(new URL("../../feedback/testdata/contact_checks.json", import.meta.url), "utf8"));

for (const [field, check] of [["email", validEmail], ["phone", validPhone]]) {
  test(`${check.name} answers as feedback does on every case of contact_checks.json`, () => {
    assert.ok(table[field].length >= 20, `${table[field].length} ${field} cases`);
    const wrong = table[field].filter(c => check(c.value) !== c.valid)
      .map(c => `${JSON.stringify(c.value)}: ${check.name} says ${!c.valid}, feedback says ${c.valid}`);
    assert.deepEqual(wrong, []);
  });
}

test("formErrors: a message is needed, and a way to reply unless anonymous", () => {
  assert.deepEqual(formErrors({ text: " ", anonymous: true }), [["text", "form.error.text.required"]]);
  assert.deepEqual(formErrors({ text: "Hej", anonymous: false }), [["email", "form.error.contact.required"]]);
  assert.deepEqual(formErrors({ text: "Hej", phone: "070-123 45 67" }), []);
  assert.deepEqual(formErrors({ text: "Hej", email: "  anna@example.se " }), [], "values are trimmed, as the server trims them");
  assert.deepEqual(formErrors({ text: "Hej", email: "anna@example", phone: "123" }), [["email", "form.error.contact.email.invalid"], ["phone", "form.error.contact.phone.invalid"]]);
  assert.deepEqual(formErrors({ text: "Hej", email: "bad", anonymous: true }), [], "an anonymous message has no contact to check");
});

test("formErrors: the limits count characters, not UTF-16 units", () => {
  assert.deepEqual(formErrors({ text: "😀".repeat(MAX_TEXT), anonymous: true }), []);
  assert.deepEqual(formErrors({ text: "😀".repeat(MAX_TEXT + 1), anonymous: true }), [["text", "form.error.text.too_long"]]);
  assert.deepEqual(formErrors({ text: "Hej", name: "å".repeat(MAX_NAME), phone: "0701234567" }), []);
  assert.deepEqual(formErrors({ text: "Hej", name: "å".repeat(MAX_NAME + 1), phone: "0701234567" }), [["name", "form.error.contact.name.too_long"]]);
});
