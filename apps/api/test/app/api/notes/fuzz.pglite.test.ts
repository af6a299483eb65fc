import { fuzzNotesRoutes } from './fuzz.ts';

fuzzNotesRoutes('embedded');
