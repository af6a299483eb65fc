import { jsonError } from '@/lib/http.ts';

// Unknown API paths answer JSON, like every other API error, not Next's HTML 404 page.
function notFound(request: Request) {
  return jsonError(
    404,
    'not_found',
    `No route for ${request.method} ${new URL(request.url).pathname}.`,
  );
}

export {
  notFound as DELETE,
  notFound as GET,
  notFound as PATCH,
  notFound as POST,
  notFound as PUT,
};
