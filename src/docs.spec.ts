import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';

/** The README is a newcomer's page: everything longer belongs in docs/. */
const README_LIMIT = 12_000;

/** Markdown without its fenced code blocks, where `#` and `](` are text. */
function withoutFences(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
}

/** Markdown without fenced code blocks and inline code, where `](` is text rather than a link. */
function withoutCode(markdown: string): string {
  return withoutFences(markdown).replace(/`[^`\n]*`/g, '');
}

/** The targets of the inline links and images of a Markdown text that point inside the repository. */
export function relativeLinks(markdown: string): string[] {
  const targets = [...withoutCode(markdown).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]);
  return targets.filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('//'));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  return new Set([...withoutFences(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((match) => headingAnchor(match[1])));
}

/** Each link of `file` whose file, or whose heading in a Markdown file, does not exist: `file: target`. */
export function brokenLinks(
  file: string,
  read: (file: string) => string = (name) => readFileSync(name, 'utf8'),
  exists: (file: string) => boolean = existsSync,
): string[] {
  const markdown = read(file);
  const broken: string[] = [];
  for (const target of relativeLinks(markdown)) {
    const [pathPart, fragment] = target.split('#', 2);
    const resolved = pathPart === '' ? file : path.join(path.dirname(file), decodeURIComponent(pathPart));
    if (!exists(resolved)) {
      broken.push(`${file}: ${target}`);
      continue;
    }
    if (fragment && resolved.endsWith('.md') && !anchorsOf(read(resolved)).has(fragment.toLowerCase())) broken.push(`${file}: ${target}`);
  }
  return broken;
}

/** README.md and every Markdown file under docs/, relative to the repository root. */
function documentationFiles(): string[] {
  const files = ['README.md'];
  const walk = (directory: string) => {
    for (const name of readdirSync(directory)) {
      const file = path.join(directory, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name.endsWith('.md')) files.push(file);
    }
  };
  walk('docs');
  return files;
}

describe('relativeLinks and brokenLinks', () => {
  const pages: Record<string, string> = {
    'README.md': [
      '# Title',
      'See [the guide](docs/guide.md), [its section](docs/guide.md#second-part), [a missing page](docs/gone.md),',
      '[a missing section](docs/guide.md#nowhere), ![a picture](docs/shot.png), [a site](https://example.org/x.md),',
      '[mail](mailto:dpo@example.org) and [here](#title).',
      '```sh',
      'echo "[not a link](nowhere.md)"',
      '```',
      'and `[nor this](nowhere.md)`.',
    ].join('\n'),
    'docs/guide.md': '# Guide\n\n## Second part\n\n## With `code`\n\nBack to [the README](../README.md#title) and [code](#with-code).',
    'docs/shot.png': '',
  };
  const read = (file: string) => pages[path.normalize(file)] ?? '';
  const exists = (file: string) => path.normalize(file) in pages;

  it('finds the links and images that point inside the repository, not web or mail addresses, nor code', () => {
    expect(relativeLinks(pages['README.md'])).toEqual([
      'docs/guide.md',
      'docs/guide.md#second-part',
      'docs/gone.md',
      'docs/guide.md#nowhere',
      'docs/shot.png',
      '#title',
    ]);
  });

  it('reports a link to a file that does not exist, and one to a heading a Markdown file does not have', () => {
    expect(brokenLinks('README.md', read, exists)).toEqual(['README.md: docs/gone.md', 'README.md: docs/guide.md#nowhere']);
    expect(brokenLinks('docs/guide.md', read, exists)).toEqual([]);
  });

  it('makes anchors as GitHub does', () => {
    expect(headingAnchor('Docker Compose and `.env`')).toBe('docker-compose-and-env');
    expect(headingAnchor('E-mail')).toBe('e-mail');
    expect(headingAnchor('Processors, transfers and the record of processing')).toBe('processors-transfers-and-the-record-of-processing');
  });
});

describe('the documentation', () => {
  it(`keeps README.md under ${README_LIMIT.toLocaleString('en-GB')} characters`, () => {
    const characters = [...readFileSync('README.md', 'utf8')].length;
    expect(characters).toBeGreaterThan(1000);
    expect(characters).toBeLessThan(README_LIMIT);
  });

  it('links from README.md only to files (and headings) that exist, and leads to every page of docs/', () => {
    const links = relativeLinks(readFileSync('README.md', 'utf8'));
    for (const page of [
      'architecture',
      'configuration',
      'api',
      'operations',
      'data-protection',
      'safeguarding',
      'security-tests',
      'resilience-tests',
    ]) {
      expect(links).toContain(`docs/${page}.md`);
    }
    expect(brokenLinks('README.md')).toEqual([]);
  });

  it('links from every page of docs/ only to files (and headings) that exist', () => {
    const files = documentationFiles();
    expect(files.length).toBeGreaterThan(5);
    expect(files.flatMap((file) => brokenLinks(file))).toEqual([]);
  });
});
