// Preloaded (`node --import`) into the Astro process of `debrief build` (src/cli/astro-process.ts): keeps the Astro
// compiler's output for each `.astro` component on disk, so a build compiles only the components that changed.
//
// Why: a rebuild after a notebook edit compiles the same 25 components every time, about 0.6 s of its ~5 s in
// the compiler's WebAssembly (docs/scaling.md); a whole build compiles 42. Astro keeps no such cache of its own.
//
// How: the compiler's WebAssembly publishes its functions as `globalThis['@astrojs/compiler']`, and its
// JavaScript side reads them from there (@astrojs/compiler 2.x). This module stands in for that global and hands
// out a `transform` that looks its answer up by a key of the source, the options (the file's path among them)
// and the compiler's and Astro's versions. What the compiler asks of Astro while compiling (each `<style>`
// preprocessed by Vite, each import path resolved) is asked again, in the same order, on every hit: Astro keeps
// what its style preprocessor learns (a style's dependencies, whether it is global), and an answer that differs
// from the recorded one (a stylesheet a `<style>` imports has changed) makes the hit a miss. Anything unexpected
// (no such global, another shape) leaves the compiler as it is. Plain JavaScript: it runs before any TypeScript.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The environment variable that names the cache directory; nothing is cached without it. */
const DIR_ENV = 'DEBRIEF_ASTRO_COMPILE_CACHE';
/** The global the compiler's WebAssembly sets. */
const GLOBAL = '@astrojs/compiler';
/** Entries not used for this long are removed when the process ends: each edit of a component leaves one behind. */
const UNUSED_MS = 7 * 24 * 60 * 60 * 1000;

const dir = process.env[DIR_ENV];
if (dir && !Object.getOwnPropertyDescriptor(globalThis, GLOBAL)) install(dir);

/** The versions of the compiler and of Astro, which decide what the same source compiles to. */
function versions() {
  const require = createRequire(path.join(process.cwd(), 'package.json'));
  return ['@astrojs/compiler', 'astro'].map((name) => `${name}@${require(`${name}/package.json`).version}`).join(' ');
}

function install(cacheDir) {
  let salt;
  try {
    salt = `astro compile 1\0${versions()}`;
  } catch {
    return;
  }
  mkdirSync(cacheDir, { recursive: true });
  const used = new Set();
  let real;
  Object.defineProperty(globalThis, GLOBAL, {
    configurable: true,
    get: () => (real && typeof real === 'object' ? new Proxy(real, { get: (target, key) => (key === 'transform' && typeof target.transform === 'function' ? cachedTransform(target) : target[key]) }) : real),
    set: (value) => {
      real = value;
    },
  });
  process.on('exit', () => prune(cacheDir, used));

  /** The compiler's transform, answered from the cache when the same source and options were compiled before. */
  function cachedTransform(compiler) {
    return (source, options = {}) => {
      const key = createHash('sha256')
        .update(`${salt}\0${source}\0${JSON.stringify(options, (name, value) => (typeof value === 'function' ? `function ${name}` : value))}`)
        .digest('hex');
      const file = path.join(cacheDir, `${key}.json`);
      let entry;
      try {
        entry = JSON.parse(readFileSync(file, 'utf8'));
      } catch {}
      return (async () => {
        // Asked again (all of it: Astro numbers the styles by the order it is asked), before the answer is taken.
        const again = entry ? await askAgain(entry.asked, options) : null;
        if (again && again.every((q, i) => JSON.stringify(q.answer) === JSON.stringify(entry.asked[i].answer))) {
          used.add(file);
          return entry.result;
        }
        // Compiled after all: what was just asked again is answered as Astro answered it then, never asked twice.
        const pending = again ?? [];
        const asked = [];
        const recording = { ...options };
        for (const name of ['preprocessStyle', 'resolvePath']) {
          const ask = options[name];
          if (typeof ask !== 'function') continue;
          recording[name] = async (...args) => {
            const question = { name, args };
            asked.push(question);
            const i = pending.findIndex((q) => q.name === name && JSON.stringify(q.args) === JSON.stringify(args));
            question.answer = i >= 0 ? pending.splice(i, 1)[0].answer : await ask(...args);
            return question.answer;
          };
        }
        const result = await compiler.transform(source, recording);
        // A compile with an error is never kept: its errors are Astro's to report, every time.
        const failed = result?.diagnostics?.some((d) => d.severity === 1) || asked.some((q) => q.answer?.error);
        if (!failed) {
          try {
            const partial = `${file}.${process.pid}.partial`;
            writeFileSync(partial, JSON.stringify({ asked, result }));
            renameSync(partial, file);
            used.add(file);
          } catch {}
        }
        return result;
      })();
    };
  }
}

/** Asks Astro again what the compiler asked it, in the same order; null when it can no longer be asked. */
async function askAgain(asked, options) {
  if (!Array.isArray(asked)) return null;
  const again = [];
  for (const { name, args } of asked) {
    if (typeof options[name] !== 'function') return null;
    again.push({ name, args, answer: await options[name](...args) });
  }
  return again;
}

/** Marks the entries this build used as used now, and removes the ones no build has used for {@link UNUSED_MS}. */
function prune(cacheDir, used) {
  try {
    const now = new Date();
    for (const file of used) utimesSync(file, now, now);
    for (const name of readdirSync(cacheDir)) {
      const file = path.join(cacheDir, name);
      if (!used.has(file) && now.getTime() - statSync(file).mtimeMs > UNUSED_MS) rmSync(file, { force: true });
    }
  } catch {}
}
