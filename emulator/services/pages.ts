// The HTML pages of the emulated sign-in: plain forms a person, Playwright or curl can use.
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const layout = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>` +
  `<style>body{font:15px system-ui,sans-serif;background:#f2f3f3;color:#16191f;margin:0}main{max-width:420px;margin:8vh auto;background:#fff;padding:28px 32px;border-radius:8px;box-shadow:0 1px 4px #0002}` +
  `h1{font-size:20px;margin:0 0 4px}p.sub{color:#545b64;margin:0 0 20px}label{display:block;margin:12px 0 4px;font-weight:600}input{width:100%;box-sizing:border-box;padding:8px;border:1px solid #aab7b8;border-radius:4px;font:inherit}` +
  `.code{font:600 22px ui-monospace,monospace;letter-spacing:2px}.row{display:flex;gap:8px;margin-top:20px}button{flex:1;padding:9px;border-radius:4px;border:1px solid #545b64;background:#fff;font:inherit;cursor:pointer}button.primary{background:#ec7211;border-color:#ec7211;color:#fff}.err{color:#d13212}.badge{display:inline-block;font-size:12px;background:#e9ebed;padding:2px 8px;border-radius:10px;margin-bottom:12px}</style></head>` +
  `<body><main><span class="badge">Local AWS sandbox</span>${body}</main></body></html>`;

export function approvalPage(userCode: string, org: string, error?: string): string {
  return layout(
    'Authorize request',
    `<h1>Authorize request</h1><p class="sub">AWS IAM Identity Center — ${esc(org)}</p>${error ? `<p class="err" role="alert">${esc(error)}</p>` : ''}` +
      `<form method="post" action="/device"><label for="user_code">Code</label><input id="user_code" name="user_code" class="code" value="${esc(userCode)}" autocomplete="off" required>` +
      `<label for="username">Username</label><input id="username" name="username" autocomplete="username" required>` +
      `<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>` +
      `<div class="row"><button type="submit" name="decision" value="deny">Deny</button><button class="primary" type="submit" name="decision" value="approve">Allow access</button></div></form>`,
  );
}

export function authorizePage(params: Record<string, string>, org: string, error?: string): string {
  const hidden = Object.entries(params)
    .filter(([k]) => !['username', 'password', 'decision'].includes(k))
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('');
  return layout(
    'Sign in',
    `<h1>Sign in</h1><p class="sub">AWS IAM Identity Center — ${esc(org)}</p>${error ? `<p class="err" role="alert">${esc(error)}</p>` : ''}` +
      `<form method="post" action="/authorize">${hidden}<label for="username">Username</label><input id="username" name="username" autocomplete="username" required>` +
      `<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>` +
      `<div class="row"><button type="submit" name="decision" value="deny">Deny</button><button class="primary" type="submit" name="decision" value="approve">Allow access</button></div></form>`,
  );
}

export function resultPage(title: string, message: string): string {
  return layout(title, `<h1>${esc(title)}</h1><p>${esc(message)}</p>`);
}
