import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Render a service with the defaults: SQLite, JWT auth, an items resource',
    example: stringify({
      steps: [
        {
          id: 'render',
          action: 'fastapi:render',
          name: 'Render the FastAPI service',
          input: {
            name: 'orders-api',
            description: 'Takes and tracks customer orders',
            owner: 'group:default/team-orders',
          },
        },
      ],
    }),
  },
  {
    description:
      'Render every feature on PostgreSQL, from a forked skeleton, into a sub-directory',
    example: stringify({
      steps: [
        {
          id: 'render',
          action: 'fastapi:render',
          name: 'Render the FastAPI service',
          input: {
            name: 'billing-service',
            description: 'Invoices and payments',
            owner: 'group:default/team-billing',
            system: 'system:default/payments',
            lifecycle: 'production',
            pythonVersion: '3.12',
            database: 'postgresql',
            auth: 'jwt',
            resource: 'invoices',
            websockets: true,
            backgroundTasks: true,
            corsOrigins: ['https://billing.example.com'],
            workers: 8,
            skeleton: './skeleton',
            targetPath: './service',
          },
        },
      ],
    }),
  },
  {
    description: 'Render a minimal service without database or authentication',
    example: stringify({
      steps: [
        {
          id: 'render',
          action: 'fastapi:render',
          name: 'Render the FastAPI service',
          input: {
            name: 'echo-service',
            owner: 'user:default/jane',
            database: 'none',
            auth: 'none',
            resource: 'messages',
            workers: 2,
          },
        },
      ],
    }),
  },
];
