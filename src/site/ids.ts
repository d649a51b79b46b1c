/** Element ids that stay unique when a component appears twice on a page. */
let counter = 0;

/** A fresh number for an element id (never repeats within a build process). */
export function nextId(): number {
  return ++counter;
}
