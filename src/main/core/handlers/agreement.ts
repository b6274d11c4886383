// Handlers for inter-coder agreement: the report and the disagreement list.
import type { Handlers } from '../../../shared/contract';
import type { AgreementService } from '../agreement-service';

export function agreementHandlers({
  agreement,
}: {
  agreement: AgreementService;
}): Pick<Handlers, 'getAgreement' | 'listDisagreements'> {
  return {
    getAgreement: async (args) => agreement.report(args),
    listDisagreements: async (args) => agreement.disagreements(args),
  };
}
