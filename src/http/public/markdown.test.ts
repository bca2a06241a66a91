import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  test('renders the safe subset', () => {
    const html = renderMarkdown(
      [
        '# Title',
        '',
        'Some *emphasis*, **strong**, `code` and ~~gone~~.',
        '',
        '- one',
        '- two',
        '',
        '1. first',
        '',
        '> quoted',
        '',
        '```',
        'a < b',
        '```',
        '',
        '#### Small',
      ].join('\n'),
    );
    assert.match(html, /<h3>Title<\/h3>/);
    assert.match(html, /<em>emphasis<\/em>/);
    assert.match(html, /<strong>strong<\/strong>/);
    assert.match(html, /<code>code<\/code>/);
    assert.match(html, /<del>gone<\/del>/);
    assert.match(html, /<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/);
    assert.match(html, /<ol>\s*<li>first<\/li>\s*<\/ol>/);
    assert.match(html, /<blockquote>\s*<p>quoted<\/p>\s*<\/blockquote>/);
    assert.match(html, /<pre><code>a &lt; b\s*<\/code><\/pre>/);
    assert.match(html, /<h6>Small<\/h6>/);
  });

  test('links keep http, https and mailto, with rel="nofollow noopener"', () => {
    const html = renderMarkdown('[a](https://example.com/x?a=1&b=2) [b](mailto:ops@example.com) [c](http://e.org)');
    assert.match(html, /<a href="https:\/\/example.com\/x\?a=1&amp;b=2" rel="nofollow noopener">a<\/a>/);
    assert.match(html, /<a href="mailto:ops@example.com" rel="nofollow noopener">b<\/a>/);
    assert.match(html, /<a href="http:\/\/e.org" rel="nofollow noopener">c<\/a>/);
  });

  test('an author cannot override rel or add target', () => {
    const html = renderMarkdown('<a href="https://e.org" rel="opener" target="_blank">x</a>');
    assert.equal(html, '<p><a href="https://e.org" rel="nofollow noopener">x</a></p>');
  });

  const payloads: Array<[string, string]> = [
    ['script tag', '<script>alert(1)</script>hello'],
    ['style tag', '<style>body{display:none}</style>hello'],
    ['iframe', '<iframe src="https://evil.example"></iframe>hello'],
    ['event handler', '<p onclick="alert(1)">hello</p>'],
    ['img onerror', '<img src=x onerror="alert(1)">hello'],
    ['svg onload', '<svg onload="alert(1)"></svg>hello'],
    ['javascript link', '[hello](javascript:alert(1))'],
    ['encoded javascript link', '[hello](jav&#x61;script:alert(1))'],
    ['data link', '[hello](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['vbscript link', '<a href="vbscript:msgbox(1)">hello</a>'],
    ['javascript image', '![hello](javascript:alert(1))'],
    ['raw javascript anchor', '<a href=" javascript:alert(1)">hello</a>'],
    ['object', '<object data="x.swf"></object>hello'],
    ['form', '<form action="https://evil.example"><input name="p"></form>hello'],
    ['style attribute', '<p style="background:url(javascript:alert(1))">hello</p>'],
    ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">hello'],
    ['base href', '<base href="https://evil.example/">hello'],
    ['protocol-relative link', '[hello](//evil.example)'],
  ];
  for (const [name, payload] of payloads) {
    test(`neutralises ${name}`, () => {
      const html = renderMarkdown(payload);
      assert.match(html, /hello/);
      assert.doesNotMatch(html, /<script|<style|<iframe|<img|<svg|<object|<form|<input|<meta|<base/i);
      assert.doesNotMatch(html, /\son\w+=|javascript:|vbscript:|data:|style=/i);
      assert.doesNotMatch(html, /href="\/\//);
      assert.doesNotMatch(html, /alert\(1\)<\/script>|display:none/);
    });
  }

  test('an image becomes a vetted link to it', () => {
    assert.equal(
      renderMarkdown('![graph](https://e.org/g.png)'),
      '<p><a href="https://e.org/g.png" rel="nofollow noopener">graph</a></p>',
    );
  });
});
