/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/vanillajs" />

/** this build's name, set by vite.config.ts */
declare const __VITLENS_BUILD__: string;
