// The Content-Security-Policy both hosts serve the renderer with (Electron app:// and browser
// mode), built in one place so they cannot drift apart. Scripts only from the app itself; inline
// styles are allowed because React and xterm.js set style attributes and xterm injects theme
// <style> elements (styles cannot run code); nothing may frame the app or post forms anywhere.
export function rendererContentSecurityPolicy(extraConnectSrc: string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...extraConnectSrc].join(' ')}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
