/** A small FastAPI service repository (written for these tests) and its catalog entry. */
export function serviceRepository(
  name: string,
  owner: string,
  extra: Record<string, string> = {},
) {
  return {
    'catalog-info.yaml': [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      `  name: ${name}`,
      '  annotations:',
      '    fastapi-golden-path/checklist: enabled',
      '    fastapi-golden-path/template: fastapi-service@0.1.0',
      'spec:',
      '  type: service',
      '  lifecycle: production',
      `  owner: ${owner}`,
      '',
    ].join('\n'),
    'requirements.txt': 'fastapi\n',
    'app/__init__.py': '',
    'app/main.py': [
      'from fastapi import FastAPI',
      'app = FastAPI()',
      '@app.get("/health")',
      'def health() -> dict[str, str]:',
      '    return {"status": "ok"}',
      '',
    ].join('\n'),
    ...extra,
  };
}
