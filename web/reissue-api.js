// The staff session seen from the pages: log in and out, who am I, and
// state-changing requests that carry the CSRF token (X-CSRF-Token) the server
// binds to the session. Any staff page may import it.

export class StaffApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const TOKEN_KEY = 'sovang.csrf';

async function call(method, path, body, headers = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    throw new StaffApiError(0, 'network', 'Không kết nối được máy chủ.');
  }
  let parsed = null;
  try {
    parsed = await response.json();
  } catch (e) {
    parsed = null;
  }
  if (!response.ok) {
    const err = (parsed && parsed.error) || {};
    throw new StaffApiError(response.status, err.code || 'unknown', err.message || response.statusText);
  }
  return parsed;
}

export const staffSession = {
  async login(username, password) {
    const answer = await call('POST', '/api/login', { username, password });
    sessionStorage.setItem(TOKEN_KEY, answer.csrf_token);
    return answer.user;
  },

  async logout() {
    try {
      await call('POST', '/api/logout');
    } finally {
      sessionStorage.removeItem(TOKEN_KEY);
    }
  },

  // The logged-in user ({id, username, role}) or null.
  async me() {
    try {
      const me = await call('GET', '/api/me');
      if (me.csrf_token) sessionStorage.setItem(TOKEN_KEY, me.csrf_token);
      return me;
    } catch (e) {
      if (e.status === 401) return null;
      throw e;
    }
  },

  // POST/PATCH/PUT/DELETE with the CSRF token (fetched again if this tab has none).
  async send(method, path, body) {
    let token = sessionStorage.getItem(TOKEN_KEY);
    if (!token) {
      await this.me();
      token = sessionStorage.getItem(TOKEN_KEY) || '';
    }
    return call(method, path, body, { 'X-CSRF-Token': token });
  },

  get(path) {
    return call('GET', path);
  },
};
