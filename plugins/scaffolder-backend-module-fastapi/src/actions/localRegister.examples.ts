import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Register the repository created by fastapi:local:publish',
    example: stringify({
      steps: [
        {
          id: 'register',
          action: 'fastapi:local:register',
          name: 'Register in the catalog',
          input: {
            catalogInfoUrl: "${{ steps['publish'].output.catalogInfoUrl }}",
          },
        },
      ],
    }),
  },
];
