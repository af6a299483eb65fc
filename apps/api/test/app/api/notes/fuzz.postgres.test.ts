import { fuzzNotesRoutes } from './fuzz.ts';

fuzzNotesRoutes('server');
