import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { DockerfileParser } from 'dockerfile-ast';
import { runStep, StepContext, StepError } from './runStep';

type Container = {
  name: string;
  env?: {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string } };
  }[];
  ports?: { name?: string; containerPort: number }[];
  securityContext?: Record<string, unknown>;
  resources?: { requests?: object; limits?: object };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  volumeMounts?: { name: string; mountPath: string }[];
};

type Resource = {
  kind: string;
  metadata: { name: string };
  spec: any;
};

/** The numeric user id of the Dockerfile's last USER instruction. */
function imageUser(dockerfile: string): number | undefined {
  const user = DockerfileParser.parse(dockerfile)
    .getInstructions()
    .filter(i => i.getKeyword() === 'USER')
    .pop()
    ?.getRawArgumentsContent()
    ?.trim()
    .split(':')[0];
  return user && /^\d+$/.test(user) ? Number(user) : undefined;
}

/** The environment variables that carry secrets: never a literal in a manifest. */
const SECRET_ENV = ['SECRET_KEY', 'DATABASE_URL'];

/**
 * deploy/ as it would be applied: `kubectl kustomize deploy` (kubectl's built-in
 * kustomize), the result validated against the Kubernetes schemas in strict mode
 * (`kubernetes-validate --strict`: unknown fields fail), then the promises the golden path
 * makes about it: probes on /health/live and /health/ready, the image's user, a
 * read-only root filesystem with /tmp writable, no escalation, no capabilities,
 * seccomp, resources, secrets only by reference, and a Service that reaches the pods.
 */
export async function checkDeploy(
  ctx: StepContext,
  workDir: string,
  expected: { secrets: string[] },
): Promise<string> {
  const built = await runStep(
    { ...ctx, env: ctx.env },
    'deploy',
    ['kubectl', 'kustomize', 'deploy'],
    { timeoutMs: 60_000 },
  ).catch(error => {
    if ((error as Error).message.includes('ENOENT'))
      throw new StepError(
        ctx.variant,
        'deploy',
        'kubectl kustomize deploy',
        '',
        'kubectl is not installed (it builds deploy/ with its built-in kustomize)',
      );
    throw error;
  });
  const file = path.join(workDir, 'deploy.yaml');
  fs.writeFileSync(file, built);
  await runStep(ctx, 'deploy', ['kubernetes-validate', '--strict', file], {
    timeoutMs: 120_000,
  });

  const resources = parseAllDocuments(built).map(d => d.toJS() as Resource);
  const problems: string[] = [];
  const fail = (message: string) => problems.push(message);
  const deployment = resources.find(r => r.kind === 'Deployment');
  const service = resources.find(r => r.kind === 'Service');
  if (!deployment || !service) {
    fail('deploy/ must build a Deployment and a Service');
  } else {
    const pod = deployment.spec.template.spec;
    const labels = deployment.spec.template.metadata.labels ?? {};
    const uid = imageUser(
      fs.readFileSync(path.join(ctx.cwd, 'Dockerfile'), 'utf8'),
    );
    if (uid === undefined) fail("the Dockerfile's USER is not a numeric id");
    if (pod.securityContext?.runAsNonRoot !== true)
      fail('pod securityContext.runAsNonRoot is not true');
    if (pod.securityContext?.runAsUser !== uid)
      fail(
        `pod runs as ${pod.securityContext?.runAsUser}, the image's user is ${uid}`,
      );
    if (pod.securityContext?.seccompProfile?.type !== 'RuntimeDefault')
      fail('pod seccompProfile is not RuntimeDefault');
    const volumes = new Map<string, any>(
      (pod.volumes ?? []).map((v: any) => [v.name, v]),
    );
    const containers: Container[] = [
      ...(pod.initContainers ?? []),
      ...pod.containers,
    ];
    for (const c of containers) {
      const sc = c.securityContext ?? {};
      if (sc.allowPrivilegeEscalation !== false)
        fail(`${c.name}: allowPrivilegeEscalation is not false`);
      if (sc.readOnlyRootFilesystem !== true)
        fail(`${c.name}: readOnlyRootFilesystem is not true`);
      if (JSON.stringify((sc.capabilities as any)?.drop ?? []) !== '["ALL"]')
        fail(`${c.name}: capabilities do not drop ALL`);
      if (!c.resources?.requests || !(c.resources?.limits as any)?.memory)
        fail(`${c.name}: resources need requests and a memory limit`);
      const tmp = c.volumeMounts?.find(m => m.mountPath === '/tmp');
      if (!tmp || !volumes.get(tmp.name)?.emptyDir)
        fail(`${c.name}: /tmp is not a writable emptyDir`);
      for (const e of c.env ?? [])
        if (SECRET_ENV.includes(e.name) && e.value !== undefined)
          fail(`${c.name}: ${e.name} is a literal, not a Secret reference`);
      for (const name of expected.secrets)
        if (!c.env?.some(e => e.name === name && e.valueFrom?.secretKeyRef))
          fail(`${c.name}: ${name} is not read from a Secret`);
    }
    const app = pod.containers[0] as Container;
    const port = app.ports?.find(p => p.containerPort === 8000);
    if (!port?.name) fail('the app container must name its port 8000');
    const probe = (kind: 'livenessProbe' | 'readinessProbe', want: string) => {
      const get = app[kind]?.httpGet;
      if (get?.path !== want || get.port !== port?.name)
        fail(`${kind} is not GET ${want} on the app's port`);
    };
    probe('livenessProbe', '/health/live');
    probe('readinessProbe', '/health/ready');
    const selector = service.spec.selector ?? {};
    if (
      !Object.keys(selector).length ||
      Object.entries(selector).some(([k, v]) => labels[k] !== v)
    )
      fail("the Service's selector does not select the Deployment's pods");
    if (
      !service.spec.ports?.every(
        (p: any) => p.targetPort === port?.name || p.targetPort === 8000,
      )
    )
      fail("the Service's ports do not target the app's port");
  }
  if (problems.length)
    throw new StepError(
      ctx.variant,
      'deploy',
      'kubectl kustomize deploy (checked)',
      built.slice(0, 8000),
      problems.join('; '),
    );
  return `${resources.length} resources`;
}
