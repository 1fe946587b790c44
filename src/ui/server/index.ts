// The dashboard's server: a read-only Hono app over a UiStore, and what starts it.
export { uiApp, type UiAppOptions } from './app.ts';
export { startUi, type RunningUi, type StartUiOptions } from './start-ui.ts';
export { isLoopback } from './security.ts';
export { loadAssets, ASSETS_DIR } from './static-assets.ts';
export type { UiStore } from './ui-store.ts';
