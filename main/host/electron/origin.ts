/** The renderer's own origin under Electron: tolem://app (a custom protocol, served by the host). */
export const APP_SCHEME = 'tolem';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/** The CommonJS preload the window loads, beside the build of this host (out/main/host/electron → out/preload). */
export function preloadFile(hostDir: string): string {
  return `${hostDir.replace(/[\\/]+$/, '')}/../../../preload/preload.cjs`.replace(/\\/g, '/');
}
