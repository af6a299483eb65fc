import { preflight, withCors } from '@/lib/cors.ts';
import { jsonError } from '@/lib/http.ts';

// Unknown API paths answer JSON, like every other API error, not Next's HTML 404 page.
const notFound = withCors((request: Request) =>
  jsonError(404, 'not_found', `No route for ${request.method} ${new URL(request.url).pathname}.`),
);

export {
  notFound as DELETE,
  notFound as GET,
  notFound as PATCH,
  notFound as POST,
  notFound as PUT,
  preflight as OPTIONS,
};
