// The login page: POST /api/login with JSON, keep the CSRF token for this tab,
// then go where the user was heading (?next=, same-site paths only).
import { staffSession } from '/reissue-api.js';

const ROLE_LABELS = { admin: 'quản trị', archivist: 'lưu trữ', verifier: 'xác minh', approver: 'phê duyệt' };

function nextPath() {
  const next = new URLSearchParams(location.search).get('next') || '/';
  // Only paths on this site: "/x", never "//host" or "https://…".
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

function say(message) {
  document.getElementById('login-status').textContent = message;
}

async function showMe() {
  const me = await staffSession.me();
  if (!me) return;
  document.getElementById('logged-in').hidden = false;
  document.getElementById('me-name').textContent = me.username;
  document.getElementById('me-role').textContent = ROLE_LABELS[me.role] || me.role;
}

document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = document.getElementById('username').value.trim();
  const password = document.getElementById('password').value;
  if (!username || !password) {
    say('Vui lòng nhập tên đăng nhập và mật khẩu.');
    return;
  }
  const button = document.getElementById('login-submit');
  button.disabled = true;
  say('');
  try {
    await staffSession.login(username, password);
    location.assign(nextPath());
  } catch (e) {
    if (e.status === 429) say(e.message || 'Đăng nhập sai quá nhiều lần; vui lòng thử lại sau.');
    else if (e.status === 401) say('Sai tên đăng nhập hoặc mật khẩu.');
    else if (e.status === 0) say(e.message);  // "Không kết nối được máy chủ."
    else say('Không đăng nhập được. Vui lòng thử lại sau.');
    document.getElementById('password').value = '';
    document.getElementById('password').focus();
  } finally {
    button.disabled = false;
  }
});

document.getElementById('logout').addEventListener('click', async () => {
  await staffSession.logout();
  location.reload();
});

showMe();
