/** Build-time settings (Vite inlines them); the defaults match the local mock platform. */
export const env = {
  apiUrl: import.meta.env.VITE_API_URL ?? 'http://127.0.0.1:3000',
  hostOrigins: (import.meta.env.VITE_HOST_ORIGINS ?? 'http://localhost:4000')
    .split(',')
    .map((origin: string) => origin.trim())
    .filter(Boolean),
  widgetUid: import.meta.env.VITE_WIDGET_UID ?? 'demo-widget',
};
