/**
 * Every thread but a lone one reads a kernel's arguments back from the job block by SIGNATURES (a
 * float as a float, anything else as a 32-bit word): a type or count there that differs from the C
 * declaration hands a worker a wrong pointer or range. (attention_backward's once had a float for a
 * pointer, and its threads wrote into tfjs's heap.) This reads the declarations from the C sources.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SIGNATURES } from './kernelSignatures';

/** name → argument types ('f' for a float, 'i' for an int or a pointer) of each EXPORT(…) in a C source */
function exportedSignatures(file: string): Map<string, string> {
  const source = readFileSync(new URL(file, import.meta.url), 'utf8');
  const found = new Map<string, string>();
  for (const match of source.matchAll(/EXPORT\((\w+)\)\s*void\s+\w+\s*\(([^)]*)\)/g)) {
    const types = match[2]!
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p && p !== 'void')
      .map((p) => (/^(const\s+)?float\s+\w+$/.test(p) ? 'f' : 'i'))
      .join('');
    found.set(match[1]!, types);
  }
  return found;
}

describe('kernel signatures', () => {
  const declared = new Map([...exportedSignatures('./vitKernels.c'), ...exportedSignatures('./backwardKernels.c')]);

  it('reads the exports of both sources', () => {
    expect(declared.get('dense')).toBe('iiiiiiiiiiiii');
    expect(declared.get('layer_norm')).toBe('iiiifiiiii');
  });

  it.each(Object.entries(SIGNATURES))('%s matches its C declaration', (name, types) => {
    expect(declared.get(name), `${name} is not exported by the C sources`).toBeDefined();
    expect(types).toBe(declared.get(name));
  });

  it('lists every exported kernel', () => {
    expect([...declared.keys()].sort()).toEqual(Object.keys(SIGNATURES).sort());
  });
});
