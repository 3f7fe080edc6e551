import Typography from '@material-ui/core/Typography';

/**
 * The schema's description under a custom field. The form hides the description of a
 * field with its own component, and MUI's helper text turns red with an error, so the
 * rules stay visible here, in the neutral colour, whether or not the field has an error.
 */
export const FieldDescription = (props: { id: string; text?: string }) =>
  props.text ? (
    <Typography
      id={props.id}
      variant="caption"
      color="textSecondary"
      component="p"
    >
      {props.text}
    </Typography>
  ) : null;
