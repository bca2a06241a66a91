import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderBadge, textWidth } from './badge.js';

function parse(svg: string): any {
  assert.equal(XMLValidator.validate(svg), true);
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(svg);
}

function texts(svg: any): string[] {
  const groups = Array.isArray(svg.g) ? svg.g : [svg.g];
  const all: any[] = groups.flatMap((g: any) => g.text ?? []);
  return all.map((t) => (typeof t === 'string' ? t : t['#text']));
}

describe('renderBadge', () => {
  test('is an SVG document with size, title and accessible name', () => {
    const svg = parse(renderBadge({ indicator: 'none', description: 'All Systems Operational' })).svg;
    assert.equal(svg['@xmlns'], 'http://www.w3.org/2000/svg');
    assert.equal(svg['@role'], 'img');
    assert.equal(svg['@aria-label'], 'status: operational');
    assert.equal(svg.title, 'status: operational');
    assert.equal(svg['@height'], '20');
    const width = Number(svg['@width']);
    assert.ok(width > 80 && width < 130, String(width));
    assert.equal(svg['@viewBox'], `0 0 ${width} 20`);
    assert.deepEqual([...new Set(texts(svg))], ['status', 'operational']);
  });

  test('names and colours each indicator', () => {
    const cases = [
      ['minor', 'minor outage'],
      ['major', 'major outage'],
      ['critical', 'critical outage'],
      ['maintenance', 'maintenance'],
    ] as const;
    const colours = new Set<string>();
    for (const [indicator, text] of cases) {
      const svg = parse(renderBadge({ indicator, description: '' })).svg;
      assert.equal(svg.title, `status: ${text}`);
      assert.ok(texts(svg).includes(text));
      const rects = (Array.isArray(svg.g) ? svg.g[0] : svg.g).rect;
      colours.add(rects[1]['@fill']);
    }
    assert.equal(colours.size, 4);
  });

  test('takes a label, escapes it, and grows with it', () => {
    const short = renderBadge({ indicator: 'none', description: '' }, { label: 'a' });
    const long = renderBadge({ indicator: 'none', description: '' }, { label: 'Acme <API> & "co"' });
    const svg = parse(long).svg;
    assert.equal(svg.title, 'Acme <API> & "co": operational');
    assert.ok(!long.includes('<API>'));
    assert.ok(Number(svg['@width']) > Number(parse(short).svg['@width']));
  });

  test('flat-square has square corners and no gradient', () => {
    const square = renderBadge({ indicator: 'none', description: '' }, { style: 'flat-square' });
    parse(square);
    assert.doesNotMatch(square, /clipPath|linearGradient|rx=/);
    assert.match(renderBadge({ indicator: 'none', description: '' }), /rx="3"/);
  });

  test('text widths follow the glyphs', () => {
    assert.ok(textWidth('mmm') > textWidth('iii'));
    assert.ok(Math.abs(textWidth('operational') - 68) < 6);
  });

  test('white text keeps a WCAG AA contrast on every colour', () => {
    const luminance = (hex: string): number => {
      const full = hex.length === 4 ? hex.replace(/([0-9a-f])/gi, '$1$1').slice(1) : hex.slice(1);
      const [r, g, b] = [0, 2, 4].map((i) => {
        const c = parseInt(full.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    for (const indicator of ['none', 'minor', 'major', 'critical', 'maintenance'] as const) {
      const svg = parse(renderBadge({ indicator, description: '' })).svg;
      const rects = (Array.isArray(svg.g) ? svg.g[0] : svg.g).rect;
      for (const fill of [rects[0]['@fill'], rects[1]['@fill']]) {
        const ratio = 1.05 / (luminance(fill) + 0.05);
        assert.ok(ratio >= 4.5, `${indicator}: ${fill} gives ${ratio.toFixed(2)}`);
      }
    }
  });
});
