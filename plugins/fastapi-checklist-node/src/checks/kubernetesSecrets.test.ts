import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';

/** A Helm chart's Secret template with its values written in (base64 of made-up words). */
const literalSecret = `apiVersion: v1
kind: Secret
metadata:
  name: {{ include "shop.fullname" . }}
  labels:
    {{- include "shop.labels" . | nindent 4 }}
data:
  DB_USER: c2hvcA==
  DB_PASSWORD: bm90LWEtcmVhbC1vbmU=
`;

describe('env-secrets: committed Kubernetes Secret manifests', () => {
  it('fails on literal values of a committed Secret, base64 or stringData, in any YAML document', async () => {
    const item = await checkOf('env-secrets', {
      'helm/shop/templates/secret.yaml': literalSecret,
      'k8s/app.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: shop
data:
  LOG_LEVEL: info
---
apiVersion: v1
kind: Secret
metadata:
  name: shop-api
stringData:
  # the API key
  api_key: not-a-real-key
`,
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'helm/shop/templates/secret.yaml:9 DB_PASSWORD is a literal value of a Kubernetes Secret committed to the repository',
      'k8s/app.yaml:14 api_key is a literal value of a Kubernetes Secret committed to the repository',
    ]);
  });

  it('leaves the verdict alone for templated values, other kinds, SealedSecrets and test folders', async () => {
    const baseline = await checkOf('env-secrets');
    const item = await checkOf('env-secrets', {
      'helm/shop/templates/secret.yaml': literalSecret.replace(
        'bm90LWEtcmVhbC1vbmU=',
        '{{ .Values.db.password | b64enc | quote }}',
      ),
      'k8s/config.yaml':
        'apiVersion: v1\nkind: ConfigMap\ndata:\n  DB_PASSWORD_FILE: /run/secrets/db\n',
      'k8s/sealed.yaml':
        'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nspec:\n  encryptedData:\n    DB_PASSWORD: AgBy8hCi\n',
      'tests/fixtures/secret.yaml': literalSecret,
    });
    expect(item).toEqual(baseline);
  });
});
