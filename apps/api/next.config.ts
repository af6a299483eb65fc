import type { NextConfig } from 'next';

const config: NextConfig = {
  // Workspace packages ship TypeScript source.
  transpilePackages: ['@partner/auth'],
  poweredByHeader: false,
};

export default config;
