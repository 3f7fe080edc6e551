import { fireEvent, render, screen } from '@testing-library/react';
import { DescriptionField } from './DescriptionField';

describe('DescriptionField', () => {
  it('counts characters against maxLength and stops there', () => {
    const onChange = jest.fn();
    render(
      <DescriptionField
        {...({
          schema: { title: 'Description', type: 'string', maxLength: 2000 },
          formData: 'Takes orders',
          onChange,
          uiSchema: { 'ui:options': { rows: 3 } },
          idSchema: { $id: 'root_description' },
          rawErrors: [],
        } as any)}
      />,
    );
    expect(screen.getByText('12 / 2000 characters')).toBeInTheDocument();
    const textarea = screen.getByLabelText('Description');
    expect(textarea).toHaveAttribute('maxlength', '2000');
    fireEvent.change(textarea, { target: { value: 'Takes orders!' } });
    expect(onChange).toHaveBeenCalledWith('Takes orders!');
  });

  it('shows the schema description, described-by the textarea, also with an error', () => {
    render(
      <DescriptionField
        {...({
          schema: {
            title: 'Description',
            type: 'string',
            description: 'What the service does, in a sentence or two.',
          },
          formData: '',
          onChange: jest.fn(),
          uiSchema: {},
          idSchema: { $id: 'root_description' },
          rawErrors: ['is required'],
        } as any)}
      />,
    );
    expect(screen.getByLabelText('Description')).toHaveAccessibleDescription(
      'What the service does, in a sentence or two.',
    );
  });
});
