import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';
import { useEffect, useState } from 'react';
import { FieldDescription } from './FieldDescription';
import { nameTakenMessage, SERVICE_NAME } from './serviceNameValidation';

/** How long typing pauses before the catalog is asked. */
export const LOOKUP_DELAY_MS = 400;

type Lookup = { name: string; taken: boolean | undefined };

/**
 * The service name, checked against the catalog while typing: a clash shows on the
 * field itself, and validateServiceName refuses it on Next.
 */
export const ServiceNameField = (
  props: FieldExtensionComponentProps<string>,
) => {
  const { formData, onChange, required, rawErrors, schema, idSchema } = props;
  const catalogApi = useApi(catalogApiRef);
  const [lookup, setLookup] = useState<Lookup | undefined>();
  const name = formData ?? '';

  useEffect(() => {
    if (!SERVICE_NAME.test(name) || name.length > 63) {
      setLookup(undefined);
      return undefined;
    }
    let current = true;
    const timer = setTimeout(() => {
      setLookup({ name, taken: undefined });
      catalogApi
        .getEntityByRef({ kind: 'component', namespace: 'default', name })
        .then(
          entity => current && setLookup({ name, taken: Boolean(entity) }),
          () => current && setLookup(undefined),
        );
    }, LOOKUP_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [catalogApi, name]);

  const taken = lookup?.name === name && lookup.taken === true;
  let status: string | undefined;
  if (taken) status = nameTakenMessage(name);
  else if (lookup?.name === name && lookup.taken === false) {
    status = `"${name}" is free in the catalog`;
  }
  // Once Next has refused the clash, the form's error under the field says it: not twice.
  if (status && rawErrors?.includes(status)) status = undefined;
  const descriptionId = `${idSchema?.$id}-description`;
  const describedBy = [
    status && `${idSchema?.$id}-status`,
    schema.description && descriptionId,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <TextField
        id={idSchema?.$id}
        label={schema.title ?? 'Name'}
        required={required}
        value={name}
        onChange={event => onChange(event.target.value || undefined)}
        // A clash while typing is said here; errors from Next are shown under the field.
        error={taken || (rawErrors?.length ?? 0) > 0}
        helperText={status}
        inputProps={{
          maxLength: schema.maxLength,
          'aria-describedby': describedBy || undefined,
          autoFocus: Boolean(props.uiSchema?.['ui:autofocus']),
        }}
        FormHelperTextProps={{ id: `${idSchema?.$id}-status` }}
        margin="normal"
      />
      <FieldDescription id={descriptionId} text={schema.description} />
    </>
  );
};
