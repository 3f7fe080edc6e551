import { analyzeDockerfile } from '../docker/dockerfileFacts';
import { DockerfileDocument } from './docker/dockerfileDocument';
import { healthcheckUrl } from './docker/healthcheckTarget';
import { applyTextEdits, TextEdit } from './textEdits';
import { Fix, FixProposal, refuse } from './types';

const ROOT_USERS = new Set(['root', '0', '0:0', 'root:root']);
const DEBIAN_FAMILY =
  /(^|\/)(python|debian|ubuntu)(:|$)|slim|bookworm|bullseye|trixie|jammy|noble/;
const ALPINE = /alpine/;
const DISTROLESS = /distroless/;
/** Characters a shell would interpret: such a command cannot become an exec form as is. */
const SHELL_SYNTAX = /[$&|;<>`*?'"()\\{}~]/;

/** The USER to switch to: a user the stage already creates, else one it adds. */
function nonRootUser(
  document: DockerfileDocument,
): string[] | { refused: string } {
  for (const run of document.finalStage.filter(i => i.getKeyword() === 'RUN')) {
    const text = run.getTextContent();
    const creation = /\b(useradd|adduser)\b([^&;|]*)/.exec(text);
    if (!creation) continue;
    const uid = /(?:--uid|-u)[\s=]+(\d+)/.exec(creation[2]);
    const words = creation[2]
      .replace(/\\\r?\n/g, ' ')
      .trim()
      .split(/\s+/);
    const name = words[words.length - 1];
    if (uid && uid[1] !== '0') return [`USER ${uid[1]}`];
    if (name && /^[a-z_][a-z0-9_-]*$/.test(name) && !ROOT_USERS.has(name))
      return [`USER ${name}`];
  }
  const image = document.baseImage() ?? '';
  const comment =
    '# Run as an unprivileged user with a numeric id (platforms can verify it).';
  if (ALPINE.test(image))
    return [
      comment,
      'RUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app',
      'USER 10001:10001',
    ];
  if (DISTROLESS.test(image))
    return [
      '# distroless images ship the unprivileged user nonroot (65532).',
      'USER 65532:65532',
    ];
  if (DEBIAN_FAMILY.test(image))
    return [
      comment,
      'RUN groupadd --system --gid 10001 app \\',
      '    && useradd --system --uid 10001 --gid app --no-log-init --no-create-home app',
      'USER 10001:10001',
    ];
  return {
    refused: `the final stage's base image (${
      image || 'unknown'
    }) is not one the fix knows how to add a user to`,
  };
}

export const dockerfileFix: Fix = {
  checkId: 'dockerfile',
  changes:
    "switches the service image's final stage to a non-root USER (reusing a user it creates), turns a shell-form CMD into the exec form, and adds a HEALTHCHECK against the service's health route",
  propose(service): FixProposal {
    const [image] = service.dockerfiles;
    if (!image)
      return refuse(
        'the repository has no Dockerfile for the service; the fix only edits one',
      );
    const document = new DockerfileDocument(
      image.path,
      service.files.get(image.path)!.toString('utf8'),
    );
    const facts = analyzeDockerfile(image.path, document.text);
    const inserted: string[] = [];
    const edits: TextEdit[] = [];
    const done: string[] = [];
    const notes: string[] = [];

    if (!facts.user || ROOT_USERS.has(facts.user.value.trim())) {
      const user = nonRootUser(document);
      if ('refused' in user) return refuse(user.refused);
      inserted.push(...user, '');
      done.push('runs the server as a non-root user');
      notes.push(
        'Files the service writes at runtime (a SQLite database, uploads) must be in a directory that user owns.',
      );
    }

    // The instruction the check reads: CMD, else ENTRYPOINT.
    const command = document.last(facts.command ? 'CMD' : 'ENTRYPOINT');
    if (command && (facts.command ?? facts.entrypoint)?.form === 'shell') {
      const args = command.getArguments();
      const raw = args.map(a => a.getValue()).join(' ');
      if (
        SHELL_SYNTAX.test(
          document.text.slice(
            document.offset(args[0].getRange().start),
            document.offset(args[args.length - 1].getRange().end),
          ),
        )
      )
        return refuse(
          `${image.path}:${
            facts.command?.line ?? facts.entrypoint?.line
          } runs \`${raw}\` through a shell (variables, quotes or operators); write its exec form by hand`,
        );
      edits.push({
        start: document.offset(args[0].getRange().start),
        end: document.offset(args[args.length - 1].getRange().end),
        text: `[${args.map(a => JSON.stringify(a.getValue())).join(', ')}]`,
      });
      done.push(
        'starts the server in exec form, so it receives the stop signal',
      );
    }

    if (!facts.healthcheck || facts.healthcheck.disabled) {
      if (facts.healthcheck?.disabled)
        return refuse(
          `${image.path}:${facts.healthcheck.line} disables the health check on purpose (HEALTHCHECK NONE)`,
        );
      const url = healthcheckUrl(service);
      if (typeof url !== 'string') return refuse(url.refused);
      inserted.push(
        '# The image may have no curl: ask the health route with the standard library.',
        'HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \\',
        `    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('${url}', timeout=4)"]`,
        '',
      );
      done.push(`checks ${url} with a HEALTHCHECK`);
    }
    if (inserted.length) {
      const at = document.insertionPoint();
      if (at === document.text.length) inserted.unshift('');
      edits.push(
        document.insertLines(
          at,
          at === document.text.length ? inserted.slice(0, -1) : inserted,
        ),
      );
    }
    if (!edits.length)
      return refuse(`${image.path} has no gap this fix closes`);
    return {
      kind: 'edits',
      edits: [
        { path: image.path, content: applyTextEdits(document.text, edits) },
      ],
      description: `${image.path}: the image ${done.join(', ')}.`,
      notes: inserted.some(l => l.startsWith('USER')) ? notes : [],
    };
  },
};
