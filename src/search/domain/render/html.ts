import { createHash } from 'node:crypto';

export type RenderLocale = 'sv' | 'en';

/** HTML text and attribute values: every character that could open markup or end a value is an entity. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The only stylesheet a rendered page has; the CSP allows exactly this text by its hash. */
const STYLE = [
  'body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:60rem;padding:0 1rem;color:#1b1b1b}',
  'h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.2rem;margin:1.5rem 0 .4rem;border-bottom:1px solid #ccc}',
  'h3{font-size:1.05rem;margin:1rem 0 .3rem}h4,h5,h6{font-size:1rem;margin:.8rem 0 .2rem}',
  'table{border-collapse:collapse;margin:.4rem 0 1rem;width:100%}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}',
  'th{background:#f2f2f2}table.facts th{width:14rem}.meta{color:#555;font-size:.9rem}.note{background:#fff7d6;padding:.5rem;border:1px solid #e6d48a}',
  '.narrative{margin:.3rem 0 .8rem}.sc-bold{font-weight:bold}.sc-italics{font-style:italic}.sc-underline{text-decoration:underline}.link{text-decoration:underline dotted}',
  '.record{outline:2px solid #3b6fb6;outline-offset:2px}section{margin-left:.5rem}',
].join('');

const STYLE_HASH = createHash('sha256').update(STYLE, 'utf8').digest('base64');

/**
 * No scripts, frames, forms, images, fonts or connections: the page is text and its one inline style.
 * Only the console's own record page may frame it (in a sandboxed iframe).
 */
export const RENDERED_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src 'none'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'`;

/** A whole, self-contained page. `body` must already be safe HTML. */
export function page(locale: RenderLocale, title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${locale}"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head>`,
    `<body>${body}</body></html>`,
  ].join('');
}

/** A two-column table of label → value rows; rows without a value are left out. Values are escaped unless `safe`. */
export function factsTable(rows: Array<[string, string | null | undefined] | [string, string, 'safe']>): string {
  const kept = rows.filter((r) => r[1] !== null && r[1] !== undefined && r[1] !== '');
  if (!kept.length) return '';
  return `<table class="facts"><tbody>${kept.map((r) => `<tr><th scope="row">${esc(r[0])}</th><td>${r[2] === 'safe' ? r[1] : esc(r[1])}</td></tr>`).join('')}</tbody></table>`;
}

/** A table with a header row; cells are escaped unless given as `{ html }` (already safe). */
export function dataTable(headers: string[], rows: Array<Array<string | null | undefined | { html: string }>>, rowClass?: (i: number) => string | null): string {
  if (!rows.length) return '';
  const cell = (c: string | null | undefined | { html: string }) => (c && typeof c === 'object' ? c.html : esc(c ?? ''));
  const body = rows.map((r, i) => {
    const cls = rowClass?.(i);
    return `<tr${cls ? ` class="${esc(cls)}"` : ''}>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`;
  });
  return `<table><thead><tr>${headers.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}
