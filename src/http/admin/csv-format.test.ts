import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvCell, formatCsv, parseCsv } from './csv-format.js';

test('CSV round-trips quotes, commas and line breaks; formulas are defused', () => {
  const rows = [
    ['a', 'b,c', 'say "hi"'],
    ['x\ny', '', 'z'],
  ];
  assert.deepEqual(parseCsv(formatCsv(rows)), rows);
  assert.deepEqual(parseCsv('email\n\nx@y.z\n'), [['email'], ['x@y.z']]);
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvCell('@evil'), "'@evil");
});
