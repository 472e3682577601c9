/** The kiosk shell a stranger cannot leave: the window's and the browser's keys dropped, the keys the screens use kept, the window closed only by the attendant or a stop. */
import { describe, expect, it } from 'vitest';
import { closeAllowed, kioskBlocksKey, type KeyInput } from '../../../main/host/electron/kiosk-shell.js';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ type: 'keyDown', key: k, control: false, meta: false, alt: false, shift: false, ...mods });

describe('the kiosk shell', () => {
  it('drops reload, close, quit, minimize, full screen, zoom, developer tools and the menu', () => {
    const dropped = [
      key('r', { control: true }), key('R', { control: true, shift: true }), key('F5'), key('w', { control: true }), key('q', { control: true }),
      key('m', { control: true }), key('F11'), key('F4', { alt: true }), key('+', { control: true }), key('=', { control: true }), key('-', { control: true }),
      key('0', { control: true }), key('I', { control: true, shift: true }), key('F12'), key('Alt', { alt: true }), key('f', { alt: true }),
      key('Tab', { alt: true }), key('ArrowLeft', { alt: true }), key('p', { control: true }), key('n', { control: true }), key('BrowserBack'),
      key('q', { meta: true }),
    ];
    for (const k of dropped) expect(kioskBlocksKey(k), JSON.stringify(k)).toBe(true);
  });

  it('keeps what the screens use: digits, letters (Kazakh too), Enter, Esc, Tab, Backspace, arrows', () => {
    for (const k of ['7', 'a', 'ә', 'Ұ', 'Enter', 'Escape', 'Tab', 'Backspace', 'ArrowLeft', ' ']) expect(kioskBlocksKey(key(k)), k).toBe(false);
    expect(kioskBlocksKey(key('Tab', { shift: true }))).toBe(false);
    // A key released is never a command.
    expect(kioskBlocksKey({ ...key('F5'), type: 'keyUp' })).toBe(false);
  });

  it('a kiosk\'s window closes only when the attendant unlocked it or the terminal stops; a desk\'s always', () => {
    expect(closeAllowed({ kiosk: true, unlocked: false, quitting: false })).toBe(false);
    expect(closeAllowed({ kiosk: true, unlocked: true, quitting: false })).toBe(true);
    expect(closeAllowed({ kiosk: true, unlocked: false, quitting: true })).toBe(true);
    expect(closeAllowed({ kiosk: false, unlocked: false, quitting: false })).toBe(true);
  });
});
