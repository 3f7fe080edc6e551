/**
 * The fastapi:render input the template's render step builds from the form's values
 * (templates/fastapi-service/template.yaml, steps[render].input), for the Review page's
 * preview. A test keeps the two in step.
 */
export function renderInputFromFormValues(
  values: Record<string, unknown>,
): Record<string, unknown> {
  return {
    name: values.name,
    description: values.description ?? '',
    owner: values.owner,
    system: values.system ?? '',
    lifecycle: values.lifecycle,
    pythonVersion: values.pythonVersion,
    database: values.database,
    auth: values.auth,
    resource: values.resource,
    websockets: values.websockets,
    backgroundTasks: values.backgroundTasks,
    corsOrigins: values.corsOrigins,
    workers: values.workers,
    repoUrl: values.repoUrl,
  };
}
