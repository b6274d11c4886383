// Handlers for passages: list, create, retag, note, delete, and the bulk/restore calls undo needs.
import type { Handlers } from '../../../shared/contract';
import type { AnnotationService } from '../annotation-service';

export interface AnnotationDeps {
  annotations: AnnotationService;
}

type AnnotationMethods =
  | 'listAnnotations'
  | 'createAnnotation'
  | 'updateAnnotation'
  | 'deleteAnnotation'
  | 'restoreAnnotation'
  | 'setPassageTags';

export function annotationHandlers({ annotations }: AnnotationDeps): Pick<Handlers, AnnotationMethods> {
  return {
    listAnnotations: async ({ docId }) => annotations.list(docId),
    createAnnotation: async (args) => annotations.create(args),
    updateAnnotation: async (args) => annotations.update(args),
    deleteAnnotation: async (args) => annotations.remove(args),
    restoreAnnotation: async ({ annotation }) => annotations.restore(annotation),
    setPassageTags: async ({ changes }) => annotations.setTagsMany(changes),
  };
}
