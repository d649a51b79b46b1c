/** Text mapper helpers: results by text or by position, each distinct text worked on once. */
import { describe, expect, it } from 'vitest';
import { inProcessMapper, mapByText, startByPosition, type TextMapper } from '../../../src/analysis/parallel/text-mapper.ts';
import { createTextTask } from '../../../src/analysis/parallel/text-tasks.ts';

/** The in-process mapper, recording the texts each job was given. */
function recording(): { mapper: TextMapper; given: string[][] } {
  const given: string[][] = [];
  const mapper: TextMapper = {
    ...inProcessMapper,
    map: (task, params, texts) => {
      given.push([...texts]);
      return inProcessMapper.map(task, params, texts);
    },
    start: (task, params, texts) => {
      given.push([...texts]);
      return inProcessMapper.start(task, params, texts);
    },
  };
  return { mapper, given };
}

const TEXTS = ['my bag is lost', 'refund please', 'my bag is lost', 'all good', 'refund please', 'my bag is lost'];

describe('startByPosition', () => {
  it("gives each position its text's result, each distinct text worked on once, in first-seen order", async () => {
    const { mapper, given } = recording();
    const at = await startByPosition(mapper, 'copy-key', {}, TEXTS).join();
    expect(given).toEqual([['my bag is lost', 'refund please', 'all good']]);
    const key = createTextTask('copy-key', {});
    expect(TEXTS.map((_, i) => at(i))).toEqual(TEXTS.map((t) => key(t)));
    // The same answers as by text.
    const byText = await mapByText(inProcessMapper, 'copy-key', {}, TEXTS);
    expect(TEXTS.map((_, i) => at(i))).toEqual(TEXTS.map((t) => byText.get(t)));
  });

  it('is empty for no texts', async () => {
    const { mapper, given } = recording();
    await startByPosition(mapper, 'copy-key', {}, []).join();
    expect(given).toEqual([[]]);
  });
});
