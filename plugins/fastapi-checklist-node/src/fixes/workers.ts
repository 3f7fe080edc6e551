import { DockerfileDocument, execForm } from './docker/dockerfileDocument';
import { applyTextEdits } from './textEdits';
import { Fix, FixProposal, refuse } from './types';

/** Servers whose command line takes `--workers N`. */
const SERVER = /(^|\/)(uvicorn|gunicorn|fastapi|hypercorn|granian)$/;
/** More than one, and modest: each worker holds its own copy of the app in memory. */
export const FIXED_WORKERS = '2';

export const workersFix: Fix = {
  checkId: 'workers',
  changes: `adds \`--workers ${FIXED_WORKERS}\` to (or raises \`--workers 1\` in) the exec-form server command of the service's Dockerfile`,
  propose(service): FixProposal {
    const [image] = service.dockerfiles;
    const launch = service.launch;
    if (!image || !launch)
      return refuse(
        'the repository has no Dockerfile for the service; the fix only edits one',
      );
    if (launch.words.includes('--reload'))
      return refuse(
        'the server runs with --reload, a development mode; remove it by hand before setting workers',
      );
    const [step] = launch.evidence;
    if (launch.evidence.length !== 1 || step.path !== image.path)
      return refuse(
        `the server is started by ${
          launch.evidence[launch.evidence.length - 1].path
        }, not by the Dockerfile's command; the fix only edits the Dockerfile`,
      );
    const document = new DockerfileDocument(
      image.path,
      service.files.get(image.path)!.toString('utf8'),
    );
    const instruction = document.last('CMD') ?? document.last('ENTRYPOINT');
    const exec = instruction && execForm(instruction);
    if (!exec)
      return refuse(
        `${image.path}: the command is in shell form; the \`dockerfile\` fix turns it into the exec form first`,
      );
    if (!launch.words.some(word => SERVER.test(word)))
      return refuse(
        `${image.path}: the command does not start a server that takes --workers (uvicorn, gunicorn, fastapi, hypercorn, granian)`,
      );
    const { strings, close } = exec;
    const flag = strings.findIndex(s =>
      ['--workers', '-w'].includes(s.getJSONValue()),
    );
    let edit;
    if (flag >= 0 && strings[flag + 1]) {
      const value = strings[flag + 1].getRange();
      edit = {
        start: document.offset(value.start),
        end: document.offset(value.end),
        text: JSON.stringify(FIXED_WORKERS),
      };
    } else if (strings.some(s => /^(--workers|-w)=?/.test(s.getJSONValue()))) {
      return refuse(
        `${image.path}: the command sets its worker count in a form the fix does not edit`,
      );
    } else {
      const at = strings.length
        ? document.offset(strings[strings.length - 1].getRange().end)
        : document.offset(close.getRange().start);
      edit = {
        start: at,
        end: at,
        text: `${strings.length ? ', ' : ''}"--workers", "${FIXED_WORKERS}"`,
      };
    }
    return {
      kind: 'edits',
      edits: [
        { path: image.path, content: applyTextEdits(document.text, [edit]) },
      ],
      description: `${image.path}: the server runs ${FIXED_WORKERS} worker processes (--workers ${FIXED_WORKERS}); raise it to what the host's CPUs and memory allow.`,
    };
  },
};
