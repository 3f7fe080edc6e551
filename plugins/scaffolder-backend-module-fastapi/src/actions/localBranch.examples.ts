import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Commit ./service onto the branch golden-path/upgrade-0.2.0 of the local repository orders-api',
    example: stringify({
      steps: [
        {
          id: 'branch',
          action: 'fastapi:local:branch',
          name: 'Open the change',
          input: {
            name: 'orders-api',
            path: './service',
            branch: 'golden-path/upgrade-0.2.0',
            message: 'Upgrade to the FastAPI golden path 0.2.0',
          },
        },
      ],
    }),
  },
];
