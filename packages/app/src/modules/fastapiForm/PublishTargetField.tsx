import { useApiHolder } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';
import { FastapiFormClient, PublishTargets } from './FastapiFormClient';

/**
 * The publish target as radio buttons: a target the backend cannot publish to (GitHub
 * without credentials) is disabled, with the reason and the setting to change beside it.
 */
export const PublishTargetField = (
  props: FieldExtensionComponentProps<string>,
) => {
  const { formData, onChange, schema, idSchema, required } = props;
  const apis = useApiHolder();
  const [targets, setTargets] = useState<PublishTargets | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();

  useEffect(() => {
    let current = true;
    FastapiFormClient.fromApis(apis)
      .publishTargets()
      .then(
        result => current && setTargets(result),
        (error: Error) => current && setLoadError(error.message),
      );
    return () => {
      current = false;
    };
  }, [apis]);

  const values = (schema.enum ?? []) as string[];
  const labels = ((schema as { enumNames?: string[] }).enumNames ??
    values) as string[];
  const id = idSchema?.$id ?? 'publishTarget';
  return (
    <>
      <FormLabel id={`${id}-label`} required={required}>
        {schema.title ?? 'Where to publish'}
      </FormLabel>
      <RadioGroup
        aria-labelledby={`${id}-label`}
        name={id}
        value={formData ?? ''}
        onChange={event => onChange(event.target.value)}
      >
        {values.map((value, index) => {
          const target = targets?.[value as keyof PublishTargets];
          const reason =
            target && !target.available ? target.reason : undefined;
          return (
            <div key={value}>
              <FormControlLabel
                value={value}
                label={labels[index] ?? value}
                control={<Radio color="primary" />}
                disabled={
                  Boolean(reason) ||
                  (!targets && !loadError && value !== formData)
                }
              />
              {reason && (
                <Typography
                  variant="body2"
                  color="textSecondary"
                  data-testid={`${value}-unavailable`}
                  style={{ marginLeft: 32 }}
                >
                  Unavailable: {reason}
                </Typography>
              )}
            </div>
          );
        })}
      </RadioGroup>
      {loadError && (
        <Typography variant="body2" color="error">
          Could not ask the backend which targets can publish: {loadError}
        </Typography>
      )}
    </>
  );
};
