// The cue lexicons a corpus starts with for the three default tags: hedging from the literature, cooperation and friction from this domain.
import type { TagLexicon } from './lexicon';

/**
 * Hedging after Hyland (Hedging in Scientific Research Articles, 1998; Metadiscourse, 2005): epistemic
 * modals (in their AUX use), lexical verbs, adverbs and adjectives of probability, approximators,
 * attribution shields ("according to", "reportedly"), plus the domain's "a party keeps its options
 * open" (neutrality, abstaining, balancing). Negation does not cancel a hedge ("may not" still hedges).
 */
const HEDGING: TagLexicon = {
  negatable: false,
  cues: [
    'may/AUX', 'might/AUX', 'could/AUX', 'would likely',
    'seem', 'appear to', 'suggest', 'speculate', 'speculation', 'tend to', 'doubt', 'estimate', 'contemplate',
    'likely', 'unlikely', 'probably', 'possibly', 'perhaps', 'maybe', 'apparently', 'apparent', 'presumably', 'arguably',
    'seemingly', 'conceivably', 'potentially', 'potential', 'possible', 'probable', 'uncertain', 'unclear', 'ambiguity', 'ambiguous',
    'remains to be seen', 'remains unclear', 'it is not clear', 'not clear', 'is expected', 'are expected', 'expected to',
    'reportedly', 'allegedly', 'allege', 'according to', 'is said to', 'rumour', 'rumor',
    'largely', 'somewhat', 'relatively', 'roughly', 'approximately', 'to some extent', 'in part', 'at least',
    'neutral', 'neutrality', 'abstain', 'abstention', 'balance', 'balancing', 'balanced', 'options open', 'other options',
    'keep the door open', 'hedge', 'hedging', 'refrain', 'distance', 'calibrate', 'careful', 'carefully', 'cautious',
    'non-committal', 'noncommittal', 'ad hoc', 
  ],
};

/** Acting or speaking together. Negation cancels: "did not cooperate", "refused to support". */
const COOPERATION: TagLexicon = {
  negatable: true,
  cues: [
    'cooperation', 'cooperate', 'co-operation', 'cooperative', 'collaboration', 'collaborate', 'partner', 'partnership',
    'alliance', 'ally', 'allied', 'alignment', 'align', 'agreement', 'agree', 'treaty', 'deal', 'memorandum',
    'joint', 'jointly', 'together', 'coordinate', 'coordination', 'back/VERB', 'backing', 'support/VERB', 'solidarity',
    'praise', 'echo', 'shared', 'share', 'common', 'ties', 'closer', 'close ties', 'close relations', 'strengthen',
    'deepen', 'enhance', 'expand', 'summit', 'visit', 'talks', 'trade', 'export', 'supply', 'deliver',
    'drone', 'drones', 'arms', 'military cooperation', 'strategic', 'friendship', 'friend', 'friends',
    'rapprochement', 'consultation', 'work closely', 'committed to',
  ],
};

/** Disagreement, mistrust, rivalry, criticism. Negation cancels: "no longer at odds". */
const FRICTION: TagLexicon = {
  negatable: true,
  cues: [
    'friction', 'frictions', 'tension', 'tensions', 'tense', 'mistrust', 'distrust', 'suspicious', 'suspicion', 'skepticism',
    'scepticism', 'wary', 'rivalry', 'rival', 'compete', 'competition', 'competitor', 'criticize', 'criticise', 'criticism',
    'critic', 'complain', 'complaint', 'grievance', 'betrayal', 'betray', 'dispute', 'disagree', 'disagreement', 'discord',
    'clash', 'frustration', 'frustrated', 'dismay', 'discontent', 'dissatisfaction', 'irritate', 'sabotage', 'disrupt',
    'undermine', 'at odds', 'strain', 'rift', 'collapse', 'differences', 'accuse', 'anger',
    'concern', 'concerns', 'worry', 'challenge/VERB', 'demand', 'condemn', 'reconsider', 'pressure',
    'not happy', 'unhappy', 'exploit', 
  ],
};

/** Lexicons by default tag id; a tag not here (the analyst's own) starts with none and learns. */
export const DEFAULT_LEXICONS: Readonly<Record<string, TagLexicon>> = Object.freeze({
  hedging: HEDGING,
  cooperation: COOPERATION,
  friction: FRICTION,
});

export function defaultLexicon(tagId: string): TagLexicon {
  const l = DEFAULT_LEXICONS[tagId];
  return l === undefined ? { cues: [], negatable: true } : { cues: [...l.cues], negatable: l.negatable };
}
