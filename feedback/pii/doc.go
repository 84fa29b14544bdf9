// Package pii finds personal data in a text (Find) and masks it (Redact):
// personnummer and samordningsnummer, phone numbers and e-mail addresses.
// Staff lists and public views show redacted text, and the feedback widget
// marks what it finds as the person types.
//
// The widget runs it in the browser, so it imports nothing but the standard
// library's smallest packages: no fmt, regexp, encoding/json or
// time/tzdata, and none of kommunkit's packages that do.
//
// # What redaction covers, and what it does not
//
// Find finds, and Redact masks:
//
//   - personnummer and samordningsnummer with a valid check digit and a real
//     date, in 10 or 12 digits: 811218-9876, 811218+9876, 8112189876,
//     19811218-9876, 198112189876, and with a space, several spaces, a tab,
//     a Unicode space, ".", "/" or a spaced hyphen before the last four
//     digits (811218 9876, 811218.9876, 811218/9876, 811218 - 9876), or
//     with the digits in pairs (81 12 18-98 76). Masks: [personnummer],
//     [samordningsnummer];
//   - a number of the same shape with a real date but a wrong check digit,
//     most often a mistyped personnummer, in the usual forms only
//     (811218-9877, 811218+9877, 8112189877, 19811218-9877,
//     198112189877; the hyphen may have spaces around it): kind
//     PossiblePersonnummer, mask [möjligt personnummer]. With a space,
//     "." or "/" before the last four digits, or in pairs, a wrong check
//     digit is not masked, so that dates followed by a time or a number
//     (20260310 1530) stay;
//   - Swedish phone numbers in national form (0701234567, 070-123 45 67,
//     08-555 010 00, (08) 555 010 00, 070-123-45-67, 070.123.45.67,
//     070 - 123 45 67, with double spaces, tabs or Unicode spaces) and in
//     international form (+46 70 123 45 67, +46 (0)70-123 45 67,
//     0046 70 123 45 67, +46.70.123.45.67), and foreign numbers in
//     international form (+358 40 123 4567). Mask: [telefon];
//   - e-mail addresses, with Unicode letters. Mask: [e-post].
//
// All of these are also found when they are written with invisible
// characters inside them (zero-width space, zero-width joiner and
// non-joiner, word joiner U+2060, soft hyphen, direction marks, byte order
// mark, variation selectors), with full-width digits, letters and "＋"
// "－" "．", with the decimal digits of other scripts (Arabic-Indic,
// Devanagari and the rest), or with "＠" or "﹫" for "@". The offsets
// Find gives are into the text as typed, and the mask takes the place of
// the invisible characters inside a match too.
//
// Dates (2026-03-10, 10.03.2026, 05/03/2026, 20260310), times (15:00,
// kl. 08.30-16.30), amounts (1 250 kr, 12 345 678 kr, 1.250.000 kr),
// postcodes (123 45 Stad), street numbers and diary numbers (KS 2026/123,
// ärende 2024.1234, dnr 2021.462) are left alone, and so are organisation
// numbers (212000-0142), whose month is 20 or more.
//
// Known limits:
//
//   - deliberate obfuscation is not found: "anna at ale dot se",
//     "anna(at)ale.se", digits spelled out ("noll sju noll ..."), digits one
//     by one with spaces (0 7 0 1 2 3 4 5 6 7);
//   - a number split across lines is not found (070 123 followed by a line
//     break and 45 67), nor a phone number with "/" after the area code
//     (070/123 45 67), nor one whose area code is run together with the
//     subscriber number's first group (070123 45 67);
//   - superscript, circled and other digits that are not decimal digits
//     (², ①) are not read as digits, and blank-looking characters that are
//     neither spaces nor invisible format characters (U+2800 braille blank,
//     U+3164 Hangul filler) stop a match;
//   - a number glued to a letter is not found, also when an invisible
//     character stands between them (Tel0701234567, or Tel, a zero-width
//     space and 0701234567): it is read as an order or reference number;
//   - a date written with spaces from the 1st to the 9th of a month
//     (05 03 2026) is taken for a phone number, as is an amount with a
//     leading "+" and at least 8 digits (+21 523 357 kr); a 12-digit
//     timestamp with a real date (202603101530) is masked as a possible
//     personnummer;
//   - names, street addresses and other personal data that are not numbers
//     or e-mail addresses are not found at all.
package pii
