import { useApiHolder } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { ChecklistPreview, FastapiFormClient } from './FastapiFormClient';

/** Waits for a pause in changes (e.g. typing a repository name) before rendering. */
export const PREVIEW_DELAY_MS = 600;

export function verdict(preview: ChecklistPreview): string {
  return `Born at ${preview.score}/100 (${preview.passed}/${preview.applicable} checks)`;
}

/**
 * The checklist score the form's answers get, from a dry render + checklist on the
 * backend. Its value is the verdict, so the Review page lists it with the answers.
 */
export const ChecklistPreviewField = (
  props: FieldExtensionComponentProps<string>,
) => {
  const { onChange, schema, formContext, name } = props;
  const apis = useApiHolder();
  const { namespace = 'default', templateName } = useParams();
  const [state, setState] = useState<
    | { status: 'loading' }
    | { status: 'done'; preview: ChecklistPreview }
    | { status: 'error'; message: string }
  >({ status: 'loading' });

  // Every answer but this field's own verdict.
  const answers = useMemo(() => {
    const { [name]: _ownValue, ...rest } = (formContext?.formData ??
      {}) as Record<string, unknown>;
    return JSON.stringify(rest);
  }, [formContext, name]);

  useEffect(() => {
    if (!templateName) {
      setState({ status: 'error', message: 'no template in the address' });
      return undefined;
    }
    let current = true;
    setState({ status: 'loading' });
    const timer = setTimeout(() => {
      FastapiFormClient.fromApis(apis)
        .checklistPreview(
          `template:${namespace}/${templateName}`,
          JSON.parse(answers),
        )
        .then(
          preview => {
            if (!current) return;
            setState({ status: 'done', preview });
            onChange(verdict(preview));
          },
          (error: Error) => {
            if (!current) return;
            setState({ status: 'error', message: error.message });
            onChange(undefined);
          },
        );
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // onChange changes identity on every render; the answers are what matter
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [apis, answers, namespace, templateName]);

  return (
    <div data-testid="checklist-preview">
      <Typography variant="subtitle2">
        {schema.title ?? 'Production-readiness checklist'}
      </Typography>
      {state.status === 'loading' && (
        <>
          <Typography variant="body2">
            Rendering the service to check it…
          </Typography>
          <LinearProgress />
        </>
      )}
      {state.status === 'done' && (
        <Typography variant="h6">{verdict(state.preview)}</Typography>
      )}
      {state.status === 'error' && (
        <Typography variant="body2" color="error">
          No preview: {state.message}
        </Typography>
      )}
    </div>
  );
};
