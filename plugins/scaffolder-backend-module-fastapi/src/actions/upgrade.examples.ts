import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Upgrade the service checked out in ./service to the template version 0.2.0',
    example: stringify({
      steps: [
        {
          id: 'upgrade',
          action: 'fastapi:upgrade',
          name: 'Merge the new template version into the service',
          input: {
            path: './service',
            releases: './releases',
            to: { version: '0.2.0', skeleton: './skeleton' },
          },
        },
      ],
    }),
  },
  {
    description:
      'Upgrade a service created before answers were recorded, with the answers it was created with',
    example: stringify({
      steps: [
        {
          id: 'upgrade',
          action: 'fastapi:upgrade',
          name: 'Merge the new template version into the service',
          input: {
            path: './service',
            releases: './releases',
            to: { version: '0.2.0', skeleton: './skeleton' },
            answers: {
              template: 'fastapi-service',
              version: '0.1.0',
              values: {
                name: 'orders-api',
                owner: 'group:default/team-orders',
                database: 'postgresql',
              },
            },
          },
        },
      ],
    }),
  },
];
