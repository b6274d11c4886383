// Handlers for passages: list, create, retag, note, delete, and the bulk/restore calls undo needs.
import type { Handlers } from '../../../shared/contract';
import type { AnnotationService } from '../annotation-service';
import type { ReviewService } from '../review-service';

export interface AnnotationDeps {
  annotations: AnnotationService;
  /** Deletes passages whose document has left the corpus, which AnnotationService cannot reach. */
  review: ReviewService;
}

type AnnotationMethods =
  | 'listAnnotations'
  | 'createAnnotation'
  | 'updateAnnotation'
  | 'deleteAnnotation'
  | 'restoreAnnotation'
  | 'setPassageTags';

export function annotationHandlers({ annotations, review }: AnnotationDeps): Pick<Handlers, AnnotationMethods> {
  return {
    listAnnotations: async ({ docId }) => annotations.list(docId),
    createAnnotation: async (args) => annotations.create(args),
    updateAnnotation: async (args) => annotations.update(args),
    deleteAnnotation: async (args) => {
      if (review.inCorpus(args.docId)) return annotations.remove(args);
      // An orphan (its document was removed) is deleted from the review queue with this same call.
      await review.removeOrphan(args.docId, args.annotationId);
      return { annotationId: args.annotationId };
    },
    restoreAnnotation: async ({ annotation }) => annotations.restore(annotation),
    setPassageTags: async ({ changes }) => annotations.setTagsMany(changes),
  };
}
