import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';
import { FieldDescription } from './FieldDescription';

/**
 * A textarea that stops at the schema's maxLength and counts as you type, so an
 * over-long description is never typed rather than refused on Next.
 */
export const DescriptionField = (
  props: FieldExtensionComponentProps<string, { rows?: number }>,
) => {
  const { formData, onChange, required, rawErrors, schema, idSchema } = props;
  const value = formData ?? '';
  const max = schema.maxLength;
  const descriptionId = `${idSchema?.$id}-description`;
  return (
    <>
      <TextField
        id={idSchema?.$id}
        label={schema.title ?? 'Description'}
        required={required}
        value={value}
        onChange={event => onChange(event.target.value || undefined)}
        error={(rawErrors?.length ?? 0) > 0}
        multiline
        minRows={props.uiSchema?.['ui:options']?.rows ?? 3}
        inputProps={{
          maxLength: max,
          'aria-describedby': schema.description ? descriptionId : undefined,
        }}
        helperText={
          max === undefined ? undefined : `${value.length} / ${max} characters`
        }
        margin="normal"
      />
      <FieldDescription id={descriptionId} text={schema.description} />
    </>
  );
};
