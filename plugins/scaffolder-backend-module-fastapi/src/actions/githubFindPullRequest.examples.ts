import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Open a pull request from golden-path/upgrade-0.2.0 only when acme/orders-api has none yet',
    example: stringify({
      steps: [
        {
          id: 'existing',
          action: 'fastapi:github:find-pull-request',
          name: 'Find the upgrade pull request',
          input: {
            repoUrl: 'github.com?owner=acme&repo=orders-api',
            branchName: 'golden-path/upgrade-0.2.0',
          },
        },
        {
          id: 'pull-request',
          if: "${{ not steps['existing'].output.exists }}",
          action: 'publish:github:pull-request',
          name: 'Open the pull request',
          input: {
            repoUrl: 'github.com?owner=acme&repo=orders-api',
            branchName: 'golden-path/upgrade-0.2.0',
            title: 'Upgrade to the FastAPI golden path 0.2.0',
            description: 'The template’s changes since 0.1.0.',
          },
        },
      ],
    }),
  },
];
