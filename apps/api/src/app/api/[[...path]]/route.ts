import { ApiError } from '@/lib/errors.ts';
import { publicMethod, route } from '@/lib/route.ts';

// `/api` and unknown `/api/*` paths answer JSON with CORS, like every other API error, not
// Next's HTML 404 page.
const notFound = publicMethod({}, ({ request }) => {
  throw new ApiError('not_found', {
    message: `No route for ${request.method} ${new URL(request.url).pathname}.`,
  });
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({
  GET: notFound,
  POST: notFound,
  PUT: notFound,
  PATCH: notFound,
  DELETE: notFound,
});
