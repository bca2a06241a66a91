import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('the OpenAPI document validates against the OpenAPI 3.1 schema', async () => {
  const res = await t.request({ method: 'GET', url: '/api/v1/openapi.json', role: null });
  assert.equal(res.status, 200);
  const validator = new Validator();
  const result = await validator.validate(res.body);
  assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
  assert.equal(validator.version, '3.1');
});

test('every admin route requires the bearer scheme and documents its errors', async () => {
  const res = await t.request({ method: 'GET', url: '/api/v1/openapi.json', role: null });
  const doc = res.body;
  let operations = 0;
  for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (!['get', 'post', 'patch', 'delete', 'put'].includes(method)) continue;
      operations++;
      assert.ok(op.summary, `${method.toUpperCase()} ${path} has no summary`);
      if (path.startsWith('/api/v1/heartbeat/')) {
        // A push URL carries its own secret: cron jobs call it without a bearer token.
        assert.deepEqual(op.security, [], `${method.toUpperCase()} ${path} should need no bearer token`);
      } else if (path.startsWith('/api/v1/')) {
        assert.deepEqual(
          op.security,
          [{ bearer: [] }],
          `${method.toUpperCase()} ${path} is not marked as authenticated`,
        );
        assert.ok(op.responses['401'], `${method.toUpperCase()} ${path} does not document 401`);
      }
    }
  }
  assert.ok(operations >= 30, `only ${operations} operations documented`);
});
