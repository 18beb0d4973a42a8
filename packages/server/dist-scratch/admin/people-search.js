import { searchPeople } from '../store/people-search.js';
import { findWorkspace, workspaceParams } from './workspaces.js';
/**
 * `GET /workspaces/:ws/people?q=&limit=`: people whose userId or email starts with `q` (any
 * case), or who have `q` as an anonymous ID; without `q`, the people seen most recently.
 * Answers `{data: [{userId, email, traits, lastSeenAt}]}`, most recently seen first.
 */
export const peopleSearchRoutes = async (app, { store, ingest }) => {
    app.get('/workspaces/:ws/people', {
        schema: {
            params: workspaceParams,
            querystring: {
                type: 'object',
                additionalProperties: false,
                properties: {
                    // PostgreSQL text cannot hold NUL: refuse it here rather than fail in the query.
                    q: { type: 'string', maxLength: 1024, pattern: '^[^\\u0000]*$' },
                    limit: { type: 'integer', minimum: 1, maximum: 100, default: 25 },
                },
            },
        },
    }, async (request) => {
        const { ws } = request.params;
        // People come from ingested calls: see every one acknowledged before this search.
        await ingest.settled();
        await findWorkspace(store, ws);
        const people = await searchPeople(store.database.db, store.database.dialect, ws, request.query.q ?? '', request.query.limit);
        return {
            data: people.map((p) => ({ ...p, lastSeenAt: new Date(p.lastSeenAt).toISOString() })),
        };
    });
};
//# sourceMappingURL=people-search.js.map