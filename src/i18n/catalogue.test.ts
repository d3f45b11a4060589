import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';
import { isProse, scanSource } from './scanStrings';
import { matchLang, pickLang } from './language';
import { i18n, setLang } from '.';

const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'src');

/** Every leaf of a nested catalogue, by its dotted key. */
function flatten(obj: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else if (v && typeof v === 'object') for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
    else throw new Error(`${key} is neither a string nor a group`);
  }
  return out;
}

function filesUnder(dir: string, test: (f: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p, test) : test(p) ? [p] : [];
  });
}

const EN = flatten(en);
const ZH = flatten(zhCN);
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();
/** The lesson writes its own words in both languages (issue 22): a catalogue of its own, not scanned. */
const LESSON_TEXT = join(SRC, 'views', 'lesson', 'lessonText.ts');

describe('the two catalogues', () => {
  it('have the same keys: none missing in either language', () => {
    expect([...EN.keys()].filter((k) => !ZH.has(k))).toEqual([]);
    expect([...ZH.keys()].filter((k) => !EN.has(k))).toEqual([]);
    expect(EN.size).toBeGreaterThan(300);
  });

  it('fill the same placeholders in each entry, and leave none empty', () => {
    for (const [k, v] of EN) {
      expect(v.trim(), k).not.toBe('');
      expect(ZH.get(k)!.trim(), k).not.toBe('');
      // a plural form may drop {{count}} (English "a register"), nothing else
      const strip = (p: string[]) => p.filter((x) => x !== 'count');
      expect(strip(placeholders(ZH.get(k)!)), k).toEqual(strip(placeholders(v)));
    }
  });

  it('the Chinese is Chinese: every entry with words in it has Chinese characters', () => {
    const untranslated = [...ZH].filter(([, v]) => isProse(v.replace(/\{\{\w+\}\}/g, '')) && !/[\u4e00-\u9fff]/.test(v));
    // paper titles and names in the sources stay as published
    expect(untranslated.filter(([k]) => !k.endsWith('.source'))).toEqual([]);
  });

  it('uses the tutorial vocabulary of the seed article', () => {
    const all = [...ZH.values()].join('\n');
    for (const term of [
      '注意力权重',
      '多头注意力',
      '图像块',
      '位置编码',
      '查询',
      '键',
      '值',
      '残差',
      '层归一化',
      '编码器',
      '词元',
    ])
      expect(all, term).toContain(term);
  });

  it('every key the code asks for exists in English (and so, by the first test, in Chinese)', () => {
    const missing: string[] = [];
    for (const file of filesUnder(SRC, (f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([\w.-]+)'/g)) {
        const key = m[1]!;
        if (!EN.has(key) && !EN.has(`${key}_one`) && !EN.has(`${key}_other`)) missing.push(`${relative(ROOT, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('the lesson text, where present, has the same keys in both languages', async () => {
    if (!existsSync(LESSON_TEXT)) return;
    const mod = (await import(/* @vite-ignore */ LESSON_TEXT)) as Record<string, unknown>;
    const table = Object.values(mod).find(
      (v): v is Record<'en' | 'zh-CN', object> => !!v && typeof v === 'object' && 'en' in v && 'zh-CN' in v,
    );
    expect(table, 'lessonText.ts exports a Record<"en" | "zh-CN", …>').toBeDefined();
    const keys = (o: object) => [...flatten(JSON.parse(JSON.stringify(o)) as object).keys()].sort();
    expect(keys(table!['zh-CN'])).toEqual(keys(table!.en));
  });
});

describe('no user-visible string bypasses the catalogue', () => {
  const tsx = (f: string) => f.endsWith('.tsx') && !f.endsWith('.test.tsx');
  // src/app's components (the header, the compare and camera panels) draw words too
  const views = [...filesUnder(join(SRC, 'views'), tsx), ...filesUnder(join(SRC, 'app'), tsx)];
  const files = [...views, join(SRC, 'App.tsx'), join(SRC, 'DemoApp.tsx')].filter((f) => f !== LESSON_TEXT);

  it('in src/views/**/*.tsx, src/app/**/*.tsx, src/App.tsx and src/DemoApp.tsx', () => {
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((f) => scanSource(relative(ROOT, f), readFileSync(f, 'utf8')));
    expect(found.map((b) => `${b.file}:${b.line} ${JSON.stringify(b.text)}`)).toEqual([]);
  });

  it('the scanner catches what it must and lets through what it may', () => {
    const scan = (code: string) => scanSource('x.tsx', code).map((b) => b.text);
    expect(scan(`const A = () => <p>Hello there</p>;`)).toEqual(['Hello there']);
    expect(scan(`const A = () => <button aria-label="Close it">x</button>;`)).toEqual(['Close it']);
    expect(scan(`const A = () => <input placeholder={'type a name'} />;`)).toEqual(['type a name']);
    expect(scan('const A = ({ n }) => <p>{`layer ${n} of the model`}</p>;')).toEqual(['layer of the model']);
    expect(scan(`const A = ({ b }) => <p>{b ? 'Pause now' : 'Play'}</p>;`)).toEqual(['Pause now', 'Play']);
    expect(scan(`const label = 'Choose a head to open'; const A = () => <p>{label}</p>;`)).toEqual(['Choose a head to open']);
    // allowed: the catalogue, names, shapes, tensor names, code
    expect(scan(`const A = () => <p>{t('a.b')} ViT Lens [CLS] Q · Kᵀ [T, T] layer0.norm1 trace.npz 12 px</p>;`)).toEqual([]);
    expect(
      scan(`const A = ({ s }) => <p className="muted small" data-testid="the thing">{s === 'ready now' ? 1 : 2}</p>;`),
    ).toEqual([]);
    expect(scan(`function f() { throw new Error('this model has no classifier head'); }`)).toEqual([]);
    expect(scan(`import { x } from 'some module path';`)).toEqual([]);
    expect(scan(`const a = 'some words here'; // i18n-ignore`)).toEqual([]);
    expect(scan(`const A = () => <p>Loading.</p>;`)).toEqual(['Loading.']);
  });
});

describe('the language', () => {
  it('comes from ?lang=, then the remembered choice, then navigator.languages, else English', () => {
    expect(pickLang('?lang=zh-CN', 'en', ['en-US'])).toBe('zh-CN');
    expect(pickLang('?lang=en', 'zh-CN', ['zh-CN'])).toBe('en');
    expect(pickLang('?lang=<script>', 'zh-CN', ['en'])).toBe('zh-CN'); // untrusted: only known values count
    expect(pickLang('', 'zh-CN', ['en-US'])).toBe('zh-CN');
    expect(pickLang('', null, ['fr-FR', 'zh-Hans-CN', 'en'])).toBe('zh-CN');
    expect(pickLang('', null, ['de', 'en-GB'])).toBe('en');
    expect(pickLang('', 'garbage', ['ja'])).toBe('en');
    expect(matchLang('zh-TW')).toBe('zh-CN');
    expect(matchLang('EN-us')).toBe('en');
  });

  it('loads the Chinese catalogue when chosen, switches and interpolates', async () => {
    const stub = { getItem: () => null, setItem: () => undefined };
    const g = globalThis as unknown as Record<string, unknown>;
    const saved = { localStorage: g.localStorage, location: g.location, history: g.history, document: g.document };
    Object.assign(g, {
      localStorage: stub,
      location: { search: '', pathname: '/', hash: '' },
      history: { state: null, replaceState: () => undefined },
      document: { documentElement: {} },
    });
    try {
      await setLang('zh-CN');
      expect(i18n.t('common.layerN', { layer: 3 })).toBe('第 3 层');
      expect(i18n.t('hubCache.files', { count: 2 })).toBe('2 个文件');
      await setLang('en');
      expect(i18n.t('hubCache.files', { count: 1 })).toBe('1 file');
      expect(i18n.t('hubCache.files', { count: 2 })).toBe('2 files');
    } finally {
      Object.assign(g, saved);
    }
  });
});
