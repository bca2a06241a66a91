import { Type } from 'typebox';
import { createGroup } from '../../app/groups/create-group.js';
import { deleteGroup } from '../../app/groups/delete-group.js';
import { requireGroup, updateGroup } from '../../app/groups/update-group.js';
import { resolvePage } from '../../app/pages/resolve-page.js';
import { listGroups } from '../../store/groups-store.js';
import { presentGroup } from './presenters.js';
import { actorOf, ERROR_RESPONSES, type AdminDeps, type TypedApp } from './route-context.js';
import { CreateGroupBody, GroupSchema, IdParams, listOf, PageQuery, UpdateGroupBody } from './schemas.js';

const tags = ['component-groups'];

/** /api/v1/component-groups */
export function registerGroupRoutes(http: TypedApp, { app }: AdminDeps): void {
  http.get(
    '/component-groups',
    {
      schema: {
        tags,
        summary: 'List component groups of a page',
        querystring: PageQuery,
        response: { 200: listOf(GroupSchema), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const page = await resolvePage(app.db, request.query.page_id);
      return { data: (await listGroups(app.db, page.id)).map(presentGroup) };
    },
  );
  http.post(
    '/component-groups',
    {
      schema: {
        tags,
        summary: 'Create a component group',
        body: CreateGroupBody,
        response: { 201: GroupSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const group = await createGroup(app, actorOf(request), {
        pageId: b.page_id,
        name: b.name,
        description: b.description,
        position: b.position,
      });
      return reply.code(201).send(presentGroup(group));
    },
  );
  http.get(
    '/component-groups/:id',
    {
      schema: {
        tags,
        summary: 'Get a component group',
        params: IdParams,
        response: { 200: GroupSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => presentGroup(await requireGroup(app.db, request.params.id)),
  );
  http.patch(
    '/component-groups/:id',
    {
      schema: {
        tags,
        summary: 'Change a component group',
        params: IdParams,
        body: UpdateGroupBody,
        response: { 200: GroupSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => presentGroup(await updateGroup(app, actorOf(request), request.params.id, request.body)),
  );
  http.delete(
    '/component-groups/:id',
    {
      schema: {
        tags,
        summary: 'Delete a component group (its components become ungrouped)',
        params: IdParams,
        response: { 204: Type.Null(), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      await deleteGroup(app, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
