// Handlers for the review queue: list what needs the analyst's eye, confirm moves, reattach passages.
import type { Handlers } from '../../../shared/contract';
import type { ReviewService } from '../review-service';

export interface ReviewDeps {
  review: ReviewService;
}

export function reviewHandlers({ review }: ReviewDeps): Pick<Handlers, 'listReview' | 'confirmMove' | 'reattach'> {
  return {
    listReview: async () => review.list(),
    confirmMove: async ({ docId, annotationId }) => review.confirmMove(docId, annotationId),
    reattach: async (args) => review.reattach(args),
  };
}
