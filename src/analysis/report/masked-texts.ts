/**
 * Message texts as a shared report shows them: each distinct text put
 * through the crisis's privacy filter once (privacy.ts `text`), over the
 * host's threads. The bundle needs them last, but they depend only on the
 * texts and crisis.yaml, so the pipeline starts them during the analyses, as
 * work for idle worker threads (TextMapper.start `whenIdle`): at a million
 * posts about 7 CPU seconds, of which the bundle's writing did half on the
 * main thread, done while the worker would otherwise wait for that thread.
 */
import type { MessageRows } from '../model.ts';
import { distinctMessageTexts } from '../core/distinct-texts.ts';
import type { StartOptions, Started, TextMapper } from '../parallel/text-mapper.ts';
import type { PrivacySettings } from './privacy.ts';

/** Filtered message texts, read by the message's position in the analysis. */
export interface MaskedTexts {
  /** The text of the message at `position` as shared (the very same string when the filter leaves it alone). */
  ofMessage(position: number): string;
}

/** What the filter needs of the crisis (report.json's `crisis`). */
export interface MaskingCrisis {
  privacy: PrivacySettings;
  brandHandles: readonly string[];
  /** The salt of pseudonyms. */
  slug: string;
}

/**
 * Starts filtering the distinct texts of `messages`; the join gives null when
 * the crisis's settings leave every text alone.
 */
export function startMaskedTexts(messages: MessageRows | readonly { text: string }[], crisis: MaskingCrisis, mapper: TextMapper, options: StartOptions = {}): Started<MaskedTexts | null> {
  const { privacy, brandHandles, slug } = crisis;
  if (!privacy.maskPersonalData && !privacy.pseudonymizeAuthors) return { join: async () => null };
  // The collapse the language analyses make of these very messages: their texts are not hashed again.
  const { texts: distinct, of } = distinctMessageTexts(messages);
  const started = mapper.start('privacy-text', { settings: { ...privacy }, brandHandles: [...brandHandles], salt: slug }, distinct, options);
  let joined: Promise<MaskedTexts> | undefined;
  return {
    join: () =>
      (joined ??= started.join().then((filtered) => {
        const out = filtered.map((f, i) => f ?? distinct[i]!);
        return { ofMessage: (position: number) => out[of[position]!]! };
      })),
  };
}
