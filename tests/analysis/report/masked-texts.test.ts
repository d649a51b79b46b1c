/**
 * The messages' texts as the bundle shares them (report/masked-texts.ts): the
 * privacy filter of each message's text, worked out once per distinct text.
 */
import { describe, expect, it } from 'vitest';
import { inProcessMapper } from '../../../src/analysis/parallel/text-mapper.ts';
import { startMaskedTexts } from '../../../src/analysis/report/masked-texts.ts';
import { createPrivacy } from '../../../src/analysis/report/privacy.ts';

const messages = [
  { text: '@jane_doe my lock is dead, call me at 555-123-4567. Jane' },
  { text: 'still locked out @AcmeHelp' },
  { text: '@jane_doe my lock is dead, call me at 555-123-4567. Jane' },
  { text: 'late again' },
];
const crisis = (maskPersonalData: boolean, pseudonymizeAuthors: boolean) => ({ privacy: { maskPersonalData, pseudonymizeAuthors }, brandHandles: ['AcmeHelp'], slug: 'acme' });

describe('masked texts', () => {
  it("gives each message's text as the crisis's privacy filter does, by position", async () => {
    const privacy = createPrivacy(crisis(true, true).privacy, ['AcmeHelp'], 'acme');
    const masked = await startMaskedTexts(messages, crisis(true, true), inProcessMapper, { whenIdle: true }).join();
    expect(messages.map((_, i) => masked!.ofMessage(i))).toEqual(messages.map((m) => privacy.text(m.text)));
    expect(masked!.ofMessage(0)).not.toContain('555-123-4567');
    expect(masked!.ofMessage(0)).not.toContain('jane_doe');
    // A text the filter leaves alone is the very same string.
    expect(masked!.ofMessage(3)).toBe(messages[3]!.text);
  });

  it('is null when the settings leave every text alone, and one join is shared', async () => {
    expect(await startMaskedTexts(messages, crisis(false, false), inProcessMapper).join()).toBeNull();
    const started = startMaskedTexts(messages, crisis(false, true), inProcessMapper);
    expect(started.join()).toBe(started.join());
    expect((await started.join())!.ofMessage(1)).toBe('still locked out @AcmeHelp');
  });
});
