import type { ComponentChildren } from 'preact';
import type { PageView } from './page-view';

export function CsrfField({ view }: { view: PageView }) {
  return <input type="hidden" name="_csrf" value={view.csrf ?? ''} />;
}

/** A labelled form control with an optional hint tied to it by aria-describedby. */
export function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
    </div>
  );
}

/** Status shown by text and symbol, never by colour alone. */
export function Status({ ok, label }: { ok: boolean; label: string }) {
  return (
    <span class={ok ? 'status status-ok' : 'status status-bad'}>
      <span aria-hidden="true">{ok ? '✓ ' : '✗ '}</span>
      {label}
    </span>
  );
}

export function Empty({ text }: { text: string }) {
  return <p class="empty">{text}</p>;
}

/** A small POST form with one button (revoke, rotate, remove …). */
/** `about` names the object for screen readers, so that a row of equal buttons stays distinguishable. */
export function ActionButton({ view, action, label, about, confirm, danger }: { view: PageView; action: string; label: string; about?: string; confirm?: string; danger?: boolean }) {
  return (
    <form method="post" action={action} class="inline" data-confirm={confirm}>
      <CsrfField view={view} />
      <button type="submit" class={danger ? 'button-danger' : 'button-secondary'}>
        {label}
        {about && <span class="visually-hidden">{` – ${about}`}</span>}
      </button>
    </form>
  );
}

export function PageHeading({ title, intro }: { title: string; intro?: string }) {
  return (
    <>
      <h1>{title}</h1>
      {intro && <p class="intro">{intro}</p>}
    </>
  );
}

/** A column header: its text, optionally right-aligned numbers or the order the rows are sorted in. */
export type Column = string | { label: string; numeric?: true; sort?: 'ascending' | 'descending' };

/** A data table: caption (visible or for screen readers only), column headers, rows; scrolls sideways on narrow screens. */
export function DataTable({ caption, hideCaption, columns, children }: { caption: string; hideCaption?: boolean; columns: Column[]; children: ComponentChildren }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class={hideCaption ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) =>
              typeof c === 'string' ? (
                <th scope="col" key={i}>
                  {c}
                </th>
              ) : (
                <th scope="col" class={c.numeric ? 'num' : undefined} aria-sort={c.sort} key={i}>
                  {c.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
