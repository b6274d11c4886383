// The start of a memo as plain words, as the document's details mention it.
import { describe, expect, it } from 'vitest';
import { memoGist } from '../../src/renderer/src/lib/markdown';

describe('memoGist', () => {
  it.each([
    { memo: '## Source check\n\nThe author is *partisan*.', max: 90, gist: 'Source check The author is partisan.' },
    { memo: '> quoted\n- item one\n1. item two', max: 90, gist: 'quoted item one item two' },
    { memo: 'See [the report](https://example.org) and `code`.', max: 90, gist: 'See the report and code.' },
    { memo: 'A long memo that goes on and on', max: 10, gist: 'A long me…' },
    { memo: '   ', max: 10, gist: '' },
    // Words are never changed, only markers dropped.
    { memo: 'Iran–Russia: 2 × 3 = 6 #hashtag', max: 90, gist: 'Iran–Russia: 2 × 3 = 6 #hashtag' },
  ])('$memo → $gist', ({ memo, max, gist }) => {
    expect(memoGist(memo, max)).toBe(gist);
  });
});
