import type { UnifiedThemeOptions } from '@backstage/theme';
// brings the scaffolder's class keys (BackstageTemplateStepper) into the theme's types
import type {} from '@backstage/plugin-scaffolder-react/alpha';

/**
 * The Create form shows each error once, under its field. The scaffolder's stepper
 * lists a page's errors above the form as well (rjsf's ErrorListTemplate, a Paper that
 * is the form's direct child), and the new frontend system's Create page has no option
 * to turn that list off (`showErrorList` is not among the `formProps` it passes in
 * @backstage/plugin-scaffolder 1.39). So the stepper's own theme class key hides it;
 * e2e/createService.spec.ts asserts that an invalid name's message shows exactly once.
 */
export const formErrorsInline: UnifiedThemeOptions['components'] = {
  BackstageTemplateStepper: {
    styleOverrides: {
      formWrapper: {
        '& > form.rjsf > .MuiPaper-root': { display: 'none' },
      },
    },
  },
};
