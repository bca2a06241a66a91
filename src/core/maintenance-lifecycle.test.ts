import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canMove, dueTransition } from './maintenance-lifecycle.js';

const window = { startsAt: '2026-07-04T15:00:00.000Z', endsAt: '2026-07-04T20:00:00.000Z' };
const auto = { autoStart: true, autoComplete: true, requiresValidation: false };

describe('dueTransition', () => {
  test('nothing before the start', () => {
    assert.equal(dueTransition({ ...window, status: 'scheduled' }, auto, '2026-07-04T14:59:59.999Z'), null);
  });
  test('starts at the start, completes at the end', () => {
    assert.equal(dueTransition({ ...window, status: 'scheduled' }, auto, '2026-07-04T15:00:00.000Z'), 'in_progress');
    assert.equal(dueTransition({ ...window, status: 'in_progress' }, auto, '2026-07-04T19:00:00.000Z'), null);
    assert.equal(dueTransition({ ...window, status: 'in_progress' }, auto, '2026-07-04T20:00:00.000Z'), 'completed');
  });
  test('a window missed entirely still starts first, then ends (one step per call)', () => {
    assert.equal(dueTransition({ ...window, status: 'scheduled' }, auto, '2026-07-05T00:00:00.000Z'), 'in_progress');
  });
  test('with validation the end leads to verifying, which the clock does not leave on its own', () => {
    const policy = { ...auto, requiresValidation: true };
    assert.equal(dueTransition({ ...window, status: 'in_progress' }, policy, '2026-07-04T20:00:00.000Z'), 'verifying');
    assert.equal(dueTransition({ ...window, status: 'verifying' }, policy, '2026-07-05T20:00:00.000Z'), null);
  });
  test('manual windows are left alone', () => {
    const manual = { autoStart: false, autoComplete: false, requiresValidation: false };
    assert.equal(dueTransition({ ...window, status: 'scheduled' }, manual, '2026-07-05T00:00:00.000Z'), null);
    assert.equal(dueTransition({ ...window, status: 'in_progress' }, manual, '2026-07-05T00:00:00.000Z'), null);
  });
  test('final statuses never move', () => {
    assert.equal(dueTransition({ ...window, status: 'completed' }, auto, '2026-07-05T00:00:00.000Z'), null);
    assert.equal(dueTransition({ ...window, status: 'cancelled' }, auto, '2026-07-05T00:00:00.000Z'), null);
  });
});

describe('canMove', () => {
  test('forward moves, cancel, and verifying back to in_progress', () => {
    assert.equal(canMove('scheduled', 'in_progress'), true);
    assert.equal(canMove('scheduled', 'cancelled'), true);
    assert.equal(canMove('in_progress', 'verifying'), true);
    assert.equal(canMove('verifying', 'in_progress'), true);
    assert.equal(canMove('verifying', 'completed'), true);
  });
  test('no way out of completed or cancelled, no move to scheduled, no no-op', () => {
    assert.equal(canMove('completed', 'in_progress'), false);
    assert.equal(canMove('cancelled', 'scheduled'), false);
    assert.equal(canMove('in_progress', 'scheduled'), false);
    assert.equal(canMove('in_progress', 'in_progress'), false);
  });
});
