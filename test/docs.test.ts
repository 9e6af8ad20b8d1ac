import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EXIT } from '../src/cli/exit-codes';
import { TABLE_END, TABLE_START } from './reliability/reliability-table';

// The README and the pages of docs/: every section complete in both 中文 and English, every
// table row in both, every link between them resolving, and the README in the order a
// newcomer reads it.

const root = path.resolve(__dirname, '..');
const PAGES = ['README.md', ...readdirSync(path.join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
const read = (page: string) => readFileSync(path.join(root, page), 'utf8').replace(/\r\n/g, '\n');

/** The page without what is not prose in either language: code, the generated table, comments. */
function withoutCode(text: string): string {
  return text
    .replace(/```[\s\S]*?```/g, '')
    .replace(new RegExp(`${TABLE_START}[\\s\\S]*?${TABLE_END}`, 'g'), '')
    .replace(/<!--[\s\S]*?-->/g, '');
}

interface Section {
  page: string;
  heading: string;
  body: string;
}

/** Sections of a page: from one heading (levels 1–3) to the next. */
function sectionsOf(page: string): Section[] {
  const sections: Section[] = [];
  let current: Section = { page, heading: '(top)', body: '' };
  for (const line of withoutCode(read(page)).split('\n')) {
    if (/^#{1,3} /.test(line)) {
      sections.push(current);
      current = { page, heading: line, body: '' };
    } else current.body += `${line}\n`;
  }
  sections.push(current);
  return sections.filter((section) => section.body.trim() !== '');
}

/** The words a reader reads: no inline code, no link targets, no tables (checked row by row). */
function prose(body: string): string {
  return body
    .split('\n')
    .filter((line) => !line.startsWith('|'))
    .join('\n')
    .replace(/`[^`]*`/g, '')
    .replace(/\]\([^)]*\)/g, ']');
}

const hanCount = (text: string) => (text.match(/\p{Script=Han}/gu) ?? []).length;
/** English words: runs of Latin letters, not the Chinese text's own pinyin-free names. */
const englishWords = (text: string) => (text.match(/\b[A-Za-z][a-z]+\b/g) ?? []).length;

const SECTIONS = PAGES.flatMap(sectionsOf).filter((section) => prose(section.body).trim() !== '');

describe('every section of every page in both languages', () => {
  it('finds the pages and their sections', () => {
    expect(PAGES).toEqual(expect.arrayContaining(['README.md', 'docs/api-security.md', 'docs/cli-and-report.md', 'docs/library.md', 'docs/reliability.md', 'docs/performance.md', 'docs/dashboard.md']));
    expect(SECTIONS.length).toBeGreaterThan(40);
  });

  // A natural translation has about 1.5–2.5 Chinese characters per English word; a Chinese half
  // that is a one-line summary of a paragraph falls far below that, and an English half missing
  // from a Chinese paragraph far above it.
  it.each(SECTIONS.map((section) => [`${section.page} ${section.heading}`, section] as const))('%s', (_name, section) => {
    const text = prose(section.body);
    const han = hanCount(text);
    const words = englishWords(text);
    expect({ han: han > 0, english: words > 0 }).toEqual({ han: true, english: true });
    const ratio = han / words;
    if (ratio < 1.0 || ratio > 3.5) {
      throw new Error(`${section.page} "${section.heading}": ${han} Chinese characters for ${words} English words (ratio ${ratio.toFixed(2)}, expected 1.0–3.5): one language says less than the other`);
    }
  });

  // Cell by cell: a column in one language (a "What to do" in English only) is half a table.
  it.each(PAGES)('%s: every table cell that says something says it in both languages', (page) => {
    const cells = withoutCode(read(page))
      .split('\n')
      .filter((line) => line.startsWith('|') && !/^\|[-:| ]+\|$/.test(line))
      .flatMap((row) => row.replace(/\\\|/g, '/').split('|').slice(1, -1));
    const oneLanguage = cells.filter((cell) => {
      const text = cell.replace(/`[^`]*`/g, '').replace(/\]\([^)]*\)/g, ']');
      const han = hanCount(text);
      const words = englishWords(text);
      return (words >= 3 && han === 0) || (han >= 4 && words === 0);
    });
    expect(oneLanguage).toEqual([]);
  });
});

/** GitHub's anchor for a heading: lowercased, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .replace(/^#+ /, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/ /g, '-');
}

describe('links', () => {
  const links = PAGES.flatMap((page) =>
    [...withoutCode(read(page)).matchAll(/\]\(([^)\s]+)\)/g)].map((match) => ({ page, target: match[1] as string })).filter(({ target }) => !/^https?:/.test(target)),
  );

  it.each(links.map((link) => [`${link.page} → ${link.target}`, link] as const))('%s resolves', (_name, { page, target }) => {
    const [file, anchor] = target.split('#');
    const resolved = file ? path.join(path.dirname(page), file) : page;
    expect(existsSync(path.join(root, resolved))).toBe(true);
    if (anchor && resolved.endsWith('.md')) {
      const anchors = read(resolved)
        .split('\n')
        .filter((line) => /^#{1,6} /.test(line))
        .map(anchorOf);
      expect(anchors).toContain(anchor);
    }
  });

  it('the README links every page of docs/, and every page links back', () => {
    const readme = read('README.md');
    for (const page of PAGES.filter((p) => p.startsWith('docs/'))) {
      expect(readme).toContain(`](${page})`);
      expect(read(page)).toContain('](../README.md)');
    }
  });
});

describe('the README', () => {
  const readme = read('README.md');
  const headings = readme.split('\n').filter((line) => line.startsWith('## '));

  it('is in the order a newcomer needs: what it is, quick start, deploy, call, configure, errors', () => {
    expect(headings).toEqual(['## Quick start · 快速开始', '## Deploy · 部署', '## Call · 调用', '## Configure · 配置', '## Errors · 错误码', '## More · 更多']);
    expect(readme.indexOf('## Quick start')).toBeGreaterThan(readme.indexOf('**中文**'));
  });

  it('stays a README: the deep topics live in docs/', () => {
    expect(readme.split('\n').length).toBeLessThan(450);
  });

  it('gives one table of the Node.js version each part needs', () => {
    const table = readme.slice(readme.indexOf('### What each part needs'), readme.indexOf('## Deploy'));
    for (const part of ['cloud functions', 'library', '`daily-retain`', 'Developing']) expect(table).toContain(part);
    expect(table.match(/\| 16\.13\+ \|/g)).toHaveLength(3);
    expect(readme.match(/Node(?:\.js)? (?:1[68]|20)(?:\.\d+)? or newer/g)).toBeNull();
  });

  it('lists every exit code of daily-retain, as its --help does', () => {
    const table = readme.slice(readme.indexOf('### Exit codes of the commands'), readme.indexOf('## More'));
    for (const code of Object.values(EXIT)) expect(table).toMatch(new RegExp(`^\\| ${code} \\| \\S`, 'm'));
  });
});
