/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_API_URL?: string;
  readonly VITE_HOST_ORIGINS?: string;
  readonly VITE_WIDGET_UID?: string;
}
