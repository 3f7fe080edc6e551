import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Fix the dockerfile check of the service checked out in ./service',
    example: stringify({
      steps: [
        {
          id: 'fix',
          action: 'fastapi:fix',
          name: 'Fix the Dockerfile',
          input: { checks: ['dockerfile'], path: './service' },
        },
      ],
    }),
  },
  {
    description:
      'Fix several checks in one change (each fix is proven on its own; refused ones are listed)',
    example: stringify({
      steps: [
        {
          id: 'fix',
          action: 'fastapi:fix',
          name: 'Fix the readiness checks',
          input: {
            checks: ['health', 'exception-handlers', 'logging', 'dockerfile'],
            path: './service',
          },
        },
      ],
    }),
  },
  {
    description:
      'Fix the 0.2.0 checks that have a mechanical fix: request ids, probes and Dependabot',
    example: stringify({
      steps: [
        {
          id: 'fix',
          action: 'fastapi:fix',
          name: 'Fix the request id, probes and dependency updates',
          input: {
            checks: ['probes', 'request-id', 'dependency-updates'],
            path: './service',
          },
        },
      ],
    }),
  },
];
