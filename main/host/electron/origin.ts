/** The renderer's own origin under Electron: tolem://app (a custom protocol, served by the host). */
export const APP_SCHEME = 'tolem';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
