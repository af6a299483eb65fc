/** Where `pnpm start` serves the three apps (the same defaults as `pnpm dev`). */
export const PLATFORM = 'http://localhost:4000';
export const API = 'http://127.0.0.1:3000';
export const APP = 'http://127.0.0.1:5173';
