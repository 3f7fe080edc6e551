import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Copy the local repository orders-api into ./service',
    example: stringify({
      steps: [
        {
          id: 'checkout',
          action: 'fastapi:local:checkout',
          name: 'Copy the service',
          input: { name: 'orders-api', path: './service' },
        },
      ],
    }),
  },
];
