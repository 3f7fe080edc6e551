import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Refuse the local target early when it already has a repository of this name',
    example: stringify({
      steps: [
        {
          id: 'validate-target',
          action: 'fastapi:validate-target',
          name: 'Check where the service will be published',
          input: { publishTarget: 'local', name: 'orders-api' },
        },
      ],
    }),
  },
  {
    description:
      'Refuse the GitHub target early when integrations.github has no credentials',
    example: stringify({
      steps: [
        {
          id: 'validate-target',
          action: 'fastapi:validate-target',
          name: 'Check where the service will be published',
          input: {
            publishTarget: 'github',
            name: 'orders-api',
            repoUrl: 'github.com?owner=acme&repo=orders-api',
          },
        },
      ],
    }),
  },
];
