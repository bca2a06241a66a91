import assert from 'node:assert/strict';
import { test } from 'node:test';
import { negotiateLanguage } from './negotiate-language.js';

test('?lang= wins over Accept-Language and the page default', () => {
  assert.deepEqual(negotiateLanguage('fr', 'en-US,en;q=0.9', 'en'), { lang: 'fr', explicit: true });
  assert.deepEqual(negotiateLanguage('FR', undefined, 'en'), { lang: 'fr', explicit: true });
});

test('an unknown ?lang= falls through to Accept-Language', () => {
  assert.deepEqual(negotiateLanguage('de', 'fr-CA,fr;q=0.8', 'en'), { lang: 'fr', explicit: false });
});

test('Accept-Language is ranked by q-value, then by order', () => {
  assert.equal(negotiateLanguage(null, 'de;q=1, en;q=0.5, fr;q=0.8', 'en').lang, 'fr');
  assert.equal(negotiateLanguage(null, 'en, fr', 'fr').lang, 'en');
  assert.equal(negotiateLanguage(null, 'fr;q=0, en;q=0.1', 'fr').lang, 'en');
});

test('the page default applies when nothing matches, and English when the default is unknown', () => {
  assert.equal(negotiateLanguage(null, 'de-DE, ja;q=0.5', 'fr').lang, 'fr');
  assert.equal(negotiateLanguage(null, '*', 'fr').lang, 'fr');
  assert.equal(negotiateLanguage(null, undefined, 'xx').lang, 'en');
});
