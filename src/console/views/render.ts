import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Server-side rendering: preact escapes every interpolated value, so pages need no manual escaping. */
export function renderPage(page: VNode): string {
  return `<!doctype html>\n${renderToString(page)}`;
}
