import { Type } from 'typebox';
import { createSegment } from '../../app/segments/create-segment.js';
import { deleteSegment } from '../../app/segments/delete-segment.js';
import { requireSegment, updateSegment } from '../../app/segments/update-segment.js';
import { resolvePage } from '../../app/pages/resolve-page.js';
import { listSegments } from '../../store/segments-store.js';
import { presentGroup } from './presenters.js';
import { actorOf, ERROR_RESPONSES, type AdminDeps, type TypedApp } from './route-context.js';
import { CreateGroupBody, GroupSchema, IdParams, listOf, PageQuery, UpdateGroupBody } from './schemas.js';

const tags = ['segments'];

/** /api/v1/segments */
export function registerSegmentRoutes(http: TypedApp, { app }: AdminDeps): void {
  http.get(
    '/segments',
    {
      schema: {
        tags,
        summary: 'List segments of a page',
        querystring: PageQuery,
        response: { 200: listOf(GroupSchema), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const page = await resolvePage(app.db, request.query.page_id);
      return { data: (await listSegments(app.db, page.id)).map(presentGroup) };
    },
  );
  http.post(
    '/segments',
    {
      schema: {
        tags,
        summary: 'Create a segment',
        body: CreateGroupBody,
        response: { 201: GroupSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const segment = await createSegment(app, actorOf(request), {
        pageId: b.page_id,
        name: b.name,
        description: b.description,
        position: b.position,
      });
      return reply.code(201).send(presentGroup(segment));
    },
  );
  http.get(
    '/segments/:id',
    {
      schema: { tags, summary: 'Get a segment', params: IdParams, response: { 200: GroupSchema, ...ERROR_RESPONSES } },
    },
    async (request) => presentGroup(await requireSegment(app.db, request.params.id)),
  );
  http.patch(
    '/segments/:id',
    {
      schema: {
        tags,
        summary: 'Change a segment',
        params: IdParams,
        body: UpdateGroupBody,
        response: { 200: GroupSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => presentGroup(await updateSegment(app, actorOf(request), request.params.id, request.body)),
  );
  http.delete(
    '/segments/:id',
    {
      schema: {
        tags,
        summary: 'Delete a segment (statuses held in it are dropped)',
        params: IdParams,
        response: { 204: Type.Null(), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      await deleteSegment(app, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
