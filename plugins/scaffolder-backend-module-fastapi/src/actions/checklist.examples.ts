import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Check the freshly rendered service and refuse to publish below 90',
    example: stringify({
      steps: [
        {
          id: 'checklist',
          action: 'fastapi:checklist',
          name: 'Production-readiness checklist',
          input: { failBelow: 90 },
        },
      ],
    }),
  },
  {
    description:
      'Report the checklist of a service rendered into a sub-directory, without failing',
    example: stringify({
      steps: [
        {
          id: 'checklist',
          action: 'fastapi:checklist',
          name: 'Production-readiness checklist',
          input: { path: './service' },
        },
      ],
    }),
  },
];
