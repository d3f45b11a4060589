/** CI's share of `npm run fuzz`: every target for a few hundred cases (the full run is 100,000 each). */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { FUZZ_TARGETS } from './targets';

describe('file readers under fuzzing (CI count)', () => {
  for (const target of FUZZ_TARGETS) {
    it(`${target.name}: ${target.about}`, () => fc.assert(target.property(), { numRuns: 400 }));
  }
});
