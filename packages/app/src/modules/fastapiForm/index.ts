import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';
import { validatePublishTarget } from './publishTargetValidation';
import { validateServiceName } from './serviceNameValidation';

/**
 * The FastAPI template's own form fields (ui:field in
 * templates/fastapi-service/template.yaml), added to the scaffolder plugin.
 */
export const fastapiFormModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [
    FormFieldBlueprint.make({
      name: 'fastapi-service-name',
      params: {
        field: () =>
          import('./ServiceNameField').then(m =>
            createFormField({
              name: 'FastapiServiceName',
              component: m.ServiceNameField,
              validation: validateServiceName,
            }),
          ),
      },
    }),
    FormFieldBlueprint.make({
      name: 'fastapi-description',
      params: {
        field: () =>
          import('./DescriptionField').then(m =>
            createFormField({
              name: 'FastapiDescription',
              component: m.DescriptionField,
            }),
          ),
      },
    }),
    FormFieldBlueprint.make({
      name: 'fastapi-publish-target',
      params: {
        field: () =>
          import('./PublishTargetField').then(m =>
            createFormField({
              name: 'FastapiPublishTarget',
              component: m.PublishTargetField,
              validation: validatePublishTarget,
            }),
          ),
      },
    }),
    FormFieldBlueprint.make({
      name: 'fastapi-checklist-preview',
      params: {
        field: () =>
          import('./ChecklistPreviewField').then(m =>
            createFormField({
              name: 'FastapiChecklistPreview',
              component: m.ChecklistPreviewField,
            }),
          ),
      },
    }),
  ],
});
