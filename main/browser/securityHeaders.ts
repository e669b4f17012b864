import { rendererContentSecurityPolicy } from '../platform/csp';

// Response headers for everything the browser-mode host serves: the same strict posture as the
// Electron window (no remote content, no framing, no inline script, no referrer leaks).

/**
 * The Content-Security-Policy of the browser-mode UI.
 * - script-src 'self': only our bundled scripts run; no inline or eval'd script, no CDN.
 * - connect-src: our origin and its WebSocket (spelled out: older engines do not treat 'self'
 *   as covering ws:).
 * - style-src allows inline styles because xterm.js injects <style> elements for its themes and
 *   React sets style attributes; styles cannot run code.
 * - frame-ancestors 'none': no page may frame us (clickjacking); form-action/base-uri lock down
 *   the remaining ways to send data elsewhere.
 */
export function browserModeCsp(origin: string): string {
  return rendererContentSecurityPolicy([origin.replace(/^http/, 'ws')]);
}

export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    // No MIME sniffing: a file is only ever run as what we say it is.
    'X-Content-Type-Options': 'nosniff',
    // The URL (and anything in it) never leaks to a link target.
    'Referrer-Policy': 'no-referrer',
    // Legacy twin of frame-ancestors for engines that predate it.
    'X-Frame-Options': 'DENY',
    // Other origins may neither keep a handle on our window nor embed our files.
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), payment=()',
    // Nothing we serve should outlive the launch in a shared cache.
    'Cache-Control': 'no-store',
  };
}
