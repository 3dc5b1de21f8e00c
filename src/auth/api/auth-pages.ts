/**
 * The few pages the auth module shows itself (the console issue builds the rest). Plain,
 * accessible HTML; Swedish first, English below. Every interpolated value is escaped.
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Samarkiv</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
h1{font-size:1.5rem}.en{color:#444}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ccc}
button{font:inherit;padding:.3rem .8rem}a{color:#0b57a4}</style></head>
<body><main>${body}</main></body></html>`;
}

export function refusedPage(reason: string): string {
  return page(
    'Inloggningen nekades',
    `<h1>Inloggningen nekades</h1>
<p>Svaret från identitetsleverantören kunde inte godtas: <strong>${escapeHtml(reason)}</strong>.</p>
<p>Försök igen. Kontakta din lokala administratör om felet kvarstår.</p>
<p class="en" lang="en">Login refused: the identity provider's answer was not accepted (${escapeHtml(reason)}). Try again, or contact your local administrator.</p>`,
  );
}

export function noAccessPage(displayName: string): string {
  return page(
    'Ingen behörighet',
    `<h1>Ingen behörighet</h1>
<p>Du är inloggad som ${escapeHtml(displayName)} men har ännu ingen behörighet i Samarkiv. Be din lokala administratör om behörighet.</p>
<p class="en" lang="en">You are signed in as ${escapeHtml(displayName)} but have no access to Samarkiv yet. Ask your local administrator for a grant.</p>`,
  );
}

export function loggedOutPage(): string {
  return page('Utloggad', `<h1>Du är utloggad</h1><p class="en" lang="en">You are signed out.</p>`);
}

export interface DemoUserRow {
  tenantId: string | null;
  externalId: string;
  displayName: string;
  grants: string[];
}

export function demoLoginPage(users: DemoUserRow[], csrf: string): string {
  const rows = users
    .map(
      (u) => `<tr><td>${escapeHtml(u.displayName)}</td><td>${escapeHtml(u.tenantId ?? 'central drift')}</td><td>${escapeHtml(u.grants.join(', ') || '–')}</td>
<td><form method="post" action="/auth/demo/login"><input type="hidden" name="_csrf" value="${escapeHtml(csrf)}">
<input type="hidden" name="tenant" value="${escapeHtml(u.tenantId ?? '')}"><input type="hidden" name="user" value="${escapeHtml(u.externalId)}">
<button type="submit" aria-label="Logga in som ${escapeHtml(u.displayName)}">Logga in</button></form></td></tr>`,
    )
    .join('\n');
  return page(
    'Demoinloggning',
    `<h1>Demoinloggning</h1>
<p>Demoläget är på: välj en användare. I drift loggar man in via sin regions identitetsleverantör.</p>
<p class="en" lang="en">Demo mode is on: pick a user. In production, people sign in through their region's identity provider.</p>
<table><thead><tr><th scope="col">Namn</th><th scope="col">Region</th><th scope="col">Behörigheter</th><th scope="col"><span class="visually-hidden">Inloggning</span></th></tr></thead>
<tbody>${rows}</tbody></table>`,
  );
}
