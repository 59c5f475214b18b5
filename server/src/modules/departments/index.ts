// Departments (监管部门) and the industries each supervises.
import type { FastifyInstance } from 'fastify';
import type { CapabilityDeps } from '../deps.ts';
import { departmentRoutes } from './routes.ts';

export function registerDepartments(app: FastifyInstance, { db }: CapabilityDeps) {
  departmentRoutes(app, db);
}
