import type {
  BackstageCredentials,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { ScmIntegrations } from '@backstage/integration';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  ChecklistOptions,
  CheckStatus,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  ChecklistAnalyzer,
  treeFromEntries,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { provenance } from '../actions/render';
import { parseRenderParameters } from '../render/parameters';
import type { RenderLimits } from '../render/renderLimits';
import { renderServiceFiles } from '../render/renderService';
import { renderInputFromFormValues } from './renderInputFromFormValues';
import { templateSkeleton } from './templateSkeleton';

/** The checklist a service would be born with. */
export type ChecklistPreview = {
  score: number;
  /** Checks that pass, out of the applicable ones. */
  passed: number;
  applicable: number;
  items: { id: string; title: string; status: CheckStatus }[];
};

export type ChecklistPreviewRequest = {
  templateRef: string;
  values: Record<string, unknown>;
};

/**
 * Renders the service the form's values describe (fastapi:render's validation, code
 * and limits) in memory and evaluates the checklist on it, as fastapi:checklist will.
 * Nothing is written but the fetched skeleton, in a temporary directory removed after.
 */
export function createChecklistPreview(options: {
  reader: UrlReaderService;
  integrations: ScmIntegrations;
  catalog: CatalogService;
  checklist: ChecklistOptions;
  /**
   * The module's AnalysisPool, shared with fastapi:checklist: a preview is analysed in a
   * worker thread with its heap and time limits, never on the backend's event loop.
   */
  analyzer: ChecklistAnalyzer;
  renderLimits?: RenderLimits;
}) {
  return async function previewChecklist(
    request: ChecklistPreviewRequest,
    credentials: BackstageCredentials,
  ): Promise<ChecklistPreview> {
    // Validated before anything is fetched, with fastapi:render's messages.
    const input = renderInputFromFormValues(request.values);
    const template = await options.catalog.getEntityByRef(request.templateRef, {
      credentials,
    });
    if (!template) {
      throw new NotFoundError(`Template ${request.templateRef} not found`);
    }
    const { baseUrl, skeleton } = templateSkeleton(template);
    const params = parseRenderParameters({ ...input, skeleton });
    const tempDir = await fs.promises.mkdtemp(
      path.join(os.tmpdir(), 'fastapi-preview-'),
    );
    try {
      const { files } = await renderServiceFiles({
        reader: options.reader,
        integrations: options.integrations,
        renderLimits: options.renderLimits,
        params,
        provenance: provenance({
          entityRef: stringifyEntityRef(template),
          entity: template,
        }),
        baseUrl,
        skeletonDir: path.join(tempDir, 'skeleton'),
      });
      const result = await options.analyzer.analyze(
        treeFromEntries(files.map(file => [file.path, file.content])),
        options.checklist,
      );
      const applicable = result.items.filter(
        item => item.status !== 'not-applicable',
      );
      return {
        score: result.score,
        passed: applicable.filter(item => item.status === 'pass').length,
        applicable: applicable.length,
        items: result.items.map(({ id, title, status }) => ({
          id,
          title,
          status,
        })),
      };
    } finally {
      await fs.promises.rm(tempDir, { recursive: true, force: true });
    }
  };
}
