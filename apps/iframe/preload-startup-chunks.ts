import type { Plugin } from 'vite';

/**
 * The entry imports the UI chunk at once (src/main.tsx) while it talks to the platform. Vite
 * lists only static imports in index.html; this adds `modulepreload` (and the stylesheets) for
 * the entry's dynamic imports and every chunk they import statically (React sits in a chunk the
 * UI shares with the lazy feature panels), so the browser fetches and compiles the whole UI
 * while the entry runs instead of discovering it chunk by chunk. Chunks the UI itself imports
 * dynamically (feature panels) are left alone: they load after the identity is on screen.
 */
export function preloadStartupChunks(): Plugin {
  return {
    name: 'preload-startup-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, chunk }) {
        if (!bundle || !chunk) return [];
        // Vite already preloads the entry's own static imports.
        const listed = new Set([chunk.fileName, ...chunk.imports]);
        const files: string[] = [];
        const visit = (file: string) => {
          if (listed.has(file)) return;
          listed.add(file);
          files.push(file);
          const imported = bundle[file];
          if (imported?.type === 'chunk') for (const next of imported.imports) visit(next);
        };
        for (const file of chunk.dynamicImports) visit(file);
        return files.flatMap((file) => {
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
