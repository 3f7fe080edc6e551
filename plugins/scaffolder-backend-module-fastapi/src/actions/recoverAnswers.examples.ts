import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Find orders-api's answers: its answers file, else the task of fastapi-service that created it, else these",
    example: stringify({
      steps: [
        {
          id: 'answers',
          action: 'fastapi:answers:recover',
          name: 'Find the answers the service was created with',
          input: {
            path: './service',
            name: 'orders-api',
            template: 'fastapi-service@0.1.0',
            fallback: {
              template: 'fastapi-service',
              version: '0.1.0',
              values: {
                name: 'orders-api',
                owner: 'group:default/team-orders',
                database: 'sqlite',
              },
            },
          },
        },
      ],
    }),
  },
];
