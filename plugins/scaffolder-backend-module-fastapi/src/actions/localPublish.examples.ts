import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Publish the rendered service as a local git repository',
    example: stringify({
      steps: [
        {
          id: 'publish',
          action: 'fastapi:local:publish',
          name: 'Create the local repository',
          input: { name: 'orders-api' },
        },
      ],
    }),
  },
  {
    description: 'Publish a sub-directory of the workspace on a custom branch',
    example: stringify({
      steps: [
        {
          id: 'publish',
          action: 'fastapi:local:publish',
          name: 'Create the local repository',
          input: {
            name: 'billing-service',
            sourcePath: './service',
            defaultBranch: 'trunk',
            commitMessage: 'Billing service from the golden path',
          },
        },
      ],
    }),
  },
];
