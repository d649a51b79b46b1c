/** Element ids that stay unique when a component appears twice on a page. */

/** What a page render keeps its id counter in (Astro.locals: one per page). */
export interface IdScope {
  idCounter?: number;
}

/**
 * A fresh number for an element id, counted per page: a page's ids do not
 * depend on which pages the build rendered before it, so a page rendered
 * alone (a notebook rebuilt after an edit) is the page of a whole build.
 */
export function nextId(scope: IdScope): number {
  return (scope.idCounter = (scope.idCounter ?? 0) + 1);
}
