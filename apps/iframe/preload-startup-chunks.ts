import type { Plugin } from 'vite';

/**
 * The entry imports the UI chunk at once (src/main.tsx) while it talks to the platform. Vite
 * lists only static imports in index.html; this adds `modulepreload` (and the stylesheet) for the
 * entry's dynamic imports too, so the browser fetches and compiles the UI while the entry runs
 * instead of after it.
 */
export function preloadStartupChunks(): Plugin {
  return {
    name: 'preload-startup-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, chunk }) {
        if (!bundle || !chunk) return [];
        return chunk.dynamicImports.flatMap((file) => {
          const imported = bundle[file];
          const css =
            imported?.type === 'chunk' ? [...(imported.viteMetadata?.importedCss ?? [])] : [];
          return [
            {
              tag: 'link',
              attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
              injectTo: 'head' as const,
            },
            ...css.map((href) => ({
              tag: 'link',
              attrs: { rel: 'stylesheet', crossorigin: true, href: `/${href}` },
              injectTo: 'head' as const,
            })),
          ];
        });
      },
    },
  };
}
