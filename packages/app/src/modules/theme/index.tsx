import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { ThemeBlueprint } from '@backstage/plugin-app-react';
import {
  createUnifiedTheme,
  palettes,
  UnifiedThemeProvider,
} from '@backstage/theme';
import DarkIcon from '@material-ui/icons/Brightness2';
import LightIcon from '@material-ui/icons/WbSunny';
import { formErrorsInline } from './formErrorsInline';

const light = createUnifiedTheme({
  palette: palettes.light,
  components: formErrorsInline,
});
const dark = createUnifiedTheme({
  palette: palettes.dark,
  components: formErrorsInline,
});

/**
 * The portal's light and dark themes: Backstage's own (same ids, names and palettes, so
 * they replace the app plugin's two and a saved choice still applies) with the Create
 * form's errors shown only inline (formErrorsInline).
 */
export const themeModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    ThemeBlueprint.make({
      name: 'light',
      params: {
        theme: {
          id: 'light',
          title: 'Light Theme',
          variant: 'light',
          icon: <LightIcon />,
          Provider: ({ children }) => (
            <UnifiedThemeProvider theme={light}>
              {children}
            </UnifiedThemeProvider>
          ),
        },
      },
    }),
    ThemeBlueprint.make({
      name: 'dark',
      params: {
        theme: {
          id: 'dark',
          title: 'Dark Theme',
          variant: 'dark',
          icon: <DarkIcon />,
          Provider: ({ children }) => (
            <UnifiedThemeProvider theme={dark}>{children}</UnifiedThemeProvider>
          ),
        },
      },
    }),
  ],
});
