/// <reference types="astro/client" />
/**
 * What a page puts in `Astro.locals` for the components it renders: the
 * crisis and the page's site path. Notebook components (`<Kpi>`, `<Chart>`,
 * `<Query>`) are called from MDX without props for these, so they read them here.
 */
declare namespace App {
  interface Locals {
    /** Element ids of the page being rendered (site/ids.ts). */
    idCounter?: number;
    debrief?: {
      crisis: import('./crises.ts').LoadedCrisis;
      /** Site path of the page being rendered (for relative links). */
      path: string;
      /** Frontmatter of the notebook being rendered, if any. */
      notebook?: import('./notebooks.ts').NotebookMeta;
    };
  }
}

/** The client scripts' addresses, site paths relative to the site's root (site/client-scripts.ts). */
declare module 'virtual:debrief/client-scripts' {
  const scripts: Record<import('./client-scripts.ts').ClientScript, string>;
  export default scripts;
}
