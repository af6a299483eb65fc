import type { NextConfig } from 'next';

const config: NextConfig = {
  // Workspace packages ship TypeScript source.
  transpilePackages: ['@partner/auth'],
  poweredByHeader: false,
  // A JSON-only API serves no images: with the optimizer on, /_next/image would fetch and
  // re-encode images for anyone who asks (CPU, memory and disk). Off, it answers 404.
  images: { unoptimized: true },
  // Every answer is JSON for the iframe app: no sniffing it into something else, no referrer.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'no-referrer' },
        ],
      },
    ];
  },
};

export default config;
