/** A signed-in browser session for HTTP tests: the session cookie and its CSRF token. */
export interface Session {
  cookie: string;
  csrf: string;
}

/** Small HTTP client for e2e tests against a demo-mode app. */
export class TestHttp {
  constructor(readonly url: string) {}

  /**
   * Demo login (needs DEMO_MODE=true); a null tenant signs in a central operations account.
   * `careUnit` (an HSA-id) is the unit to act in, as picking an assignment at login.
   */
  async login(tenant: string | null, user: string, careUnit?: string): Promise<Session> {
    const res = await fetch(`${this.url}/auth/demo/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: tenant ?? '', user, careUnit }),
    });
    if (res.status !== 201) throw new Error(`demo login of ${user} answered ${res.status}`);
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    const session = (await (await fetch(`${this.url}/auth/session`, { headers: { cookie } })).json()) as { csrfToken: string };
    return { cookie, csrf: session.csrfToken };
  }

  get(path: string, auth?: Session | string): Promise<Response> {
    return fetch(`${this.url}${path}`, { headers: authHeaders(auth) });
  }

  /** A JSON request with the session's CSRF header (or a bearer token). */
  send(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body: unknown, auth?: Session | string): Promise<Response> {
    return fetch(`${this.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...authHeaders(auth), ...(typeof auth === 'object' ? { 'x-csrf-token': auth.csrf } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
}

function authHeaders(auth?: Session | string): Record<string, string> {
  if (auth === undefined) return {};
  return typeof auth === 'string' ? { authorization: `Bearer ${auth}` } : { cookie: auth.cookie };
}
