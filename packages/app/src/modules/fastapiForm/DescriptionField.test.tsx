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
});
