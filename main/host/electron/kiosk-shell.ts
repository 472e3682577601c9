/**
 * The kiosk shell a stranger cannot leave: the keys Electron and Chromium would act on (reload,
 * close, quit, minimize, full screen, zoom, developer tools, the menu) are dropped before they reach
 * the page, and the window refuses to close except when the attendant took it out of kiosk mode
 * (the PIN) or the terminal is stopping. Plain decisions, no `electron` import: tested as they are.
 */

/** The part of Electron's `Input` (before-input-event) these decisions read. */
export interface KeyInput {
  type: string;
  key: string;
  code?: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

const FUNCTION_KEYS = new Set(['F1', 'F3', 'F4', 'F5', 'F6', 'F7', 'F10', 'F11', 'F12']);
/** With Ctrl (or Cmd): reload, close, quit, minimize, new window, print, find, save, open, view source, zoom. */
const CTRL_KEYS = new Set(['r', 'w', 'q', 'm', 'n', 't', 'p', 'f', 'g', 's', 'o', 'u', 'j', 'h', 'l', '+', '=', '-', '_', '0']);

/** Whether a kiosk drops this key: every chord that drives the window or the browser, never a key the screens use (digits, letters, Enter, Esc, Tab). */
export function kioskBlocksKey(input: KeyInput): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if (FUNCTION_KEYS.has(key)) return true;
  if (input.alt && (key === 'F4' || key === 'Tab' || key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home')) return true;
  // Alt alone shows the menu bar; Alt with a letter opens a menu.
  if (key === 'Alt' || (input.alt && key.length === 1)) return true;
  if (input.control || input.meta) {
    if (CTRL_KEYS.has(key)) return true;
    if (input.shift && (key === 'i' || key === 'c' || key === 'j' || key === 'delete' || key === 'Delete')) return true;
    if (key === 'Tab' || key === 'PageUp' || key === 'PageDown' || key === 'F4') return true;
  }
  if (key === 'BrowserBack' || key === 'BrowserForward' || key === 'BrowserRefresh' || key === 'BrowserHome' || key === 'Close') return true;
  return false;
}

/** Whether the window may close now: a desk's always; a kiosk's only out of kiosk mode (the PIN) or while the terminal stops. */
export function closeAllowed(s: { kiosk: boolean; unlocked: boolean; quitting: boolean }): boolean {
  return !s.kiosk || s.unlocked || s.quitting;
}
