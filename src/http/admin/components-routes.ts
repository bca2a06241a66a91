import { Type } from 'typebox';
import { createComponent } from '../../app/components/create-component.js';
import { deleteComponent } from '../../app/components/delete-component.js';
import { loadComponentsWithStatus, loadComponentWithStatus } from '../../app/components/load-component-statuses.js';
import { updateComponent } from '../../app/components/update-component.js';
import { resolvePage } from '../../app/pages/resolve-page.js';
import { notFound } from '../../core/errors.js';
import { presentComponent } from './presenters.js';
import { actorOf, ERROR_RESPONSES, type AdminDeps, type TypedApp } from './route-context.js';
import { ComponentSchema, CreateComponentBody, IdParams, listOf, PageQuery, UpdateComponentBody } from './schemas.js';

const tags = ['components'];

/** /api/v1/components */
export function registerComponentRoutes(http: TypedApp, { app }: AdminDeps): void {
  http.get(
    '/components',
    {
      schema: {
        tags,
        summary: 'List components of a page (default page unless page_id)',
        querystring: PageQuery,
        response: { 200: listOf(ComponentSchema), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const page = await resolvePage(app.db, request.query.page_id);
      return { data: (await loadComponentsWithStatus(app.db, page.id)).map(presentComponent) };
    },
  );

  http.post(
    '/components',
    {
      schema: {
        tags,
        summary: 'Create a component',
        body: CreateComponentBody,
        response: { 201: ComponentSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const created = await createComponent(app, actorOf(request), {
        pageId: b.page_id,
        name: b.name,
        description: b.description,
        groupId: b.group_id,
        status: b.status,
        position: b.position,
        showcase: b.showcase,
        onlyShowIfDegraded: b.only_show_if_degraded,
        startDate: b.start_date,
      });
      return reply.code(201).send(presentComponent(created));
    },
  );

  http.get(
    '/components/:id',
    {
      schema: {
        tags,
        summary: 'Get a component',
        params: IdParams,
        response: { 200: ComponentSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const component = await loadComponentWithStatus(app.db, request.params.id);
      if (!component) throw notFound('COMPONENT_NOT_FOUND', `No component has the id "${request.params.id}".`);
      return presentComponent(component);
    },
  );

  http.patch(
    '/components/:id',
    {
      schema: {
        tags,
        summary: 'Change a component or its manual status',
        params: IdParams,
        body: UpdateComponentBody,
        response: { 200: ComponentSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const b = request.body;
      const updated = await updateComponent(app, actorOf(request), request.params.id, {
        name: b.name,
        description: b.description,
        groupId: b.group_id,
        status: b.status,
        position: b.position,
        showcase: b.showcase,
        onlyShowIfDegraded: b.only_show_if_degraded,
        startDate: b.start_date,
        notify: b.notify,
      });
      return presentComponent(updated);
    },
  );

  http.delete(
    '/components/:id',
    {
      schema: {
        tags,
        summary: 'Delete a component',
        params: IdParams,
        response: { 204: Type.Null(), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      await deleteComponent(app, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
