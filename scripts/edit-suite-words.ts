// Word material for the re-anchoring suite: sentences to insert and the swaps a paraphrase makes.

/** New prose in the corpus's register, for insertions; none of it quotes the seed articles. */
export const NEW_SENTENCES = [
  'Officials in both capitals declined to comment on the timing of the next round of talks.',
  'The figures were revised twice during the following quarter.',
  'Observers in the region read the announcement as a warning rather than a commitment.',
  'No date has been set for the ratification of the agreement.',
  'Several analysts have questioned whether the reported volumes are accurate.',
  'The ministry later published a shorter version of the statement.',
  'A delegation of engineers is expected to visit the site before the end of the year.',
  'This assessment is shared, with some reservations, by a number of European diplomats.',
  'Much depends on how the domestic economy fares over the coming winter.',
  'The parliament has not yet debated the measure in open session.',
  'Private companies have so far been reluctant to commit capital to the project.',
  'Shipping data point to a modest rise in traffic through the northern corridor.',
  'Neither side has explained how disputes under the accord would be settled.',
  'The episode illustrates the limits of declaratory diplomacy.',
  'Local media gave the visit only brief coverage.',
  'Insurance costs for the route have roughly doubled since the spring.',
  'Critics argue that the plan underestimates the cost of maintaining the new infrastructure.',
  'The central bank has been quiet on the question of settlement in national currencies.',
  'Some of these projects date back more than a decade.',
  'Both governments describe the arrangement as temporary.',
  'The wording of the communiqué was notably cautious.',
  'An earlier draft of the memorandum was never signed.',
  'Regional partners are watching the process closely.',
  'These estimates should be treated with caution.',
];

/** Adverbs a rewrite slips in. */
export const ADVERBS = ['notably', 'arguably', 'broadly', 'clearly', 'largely', 'increasingly', 'plainly', 'often'];

/** Swaps a paraphrase makes; words not listed are replaced by a filler word some of the time. */
export const SYNONYMS: Record<string, string> = {
  significant: 'considerable', relationship: 'relations', relations: 'ties', however: 'yet', cooperation: 'collaboration',
  countries: 'states', country: 'state', also: 'moreover', important: 'key', major: 'leading', strategic: 'long-term',
  economic: 'commercial', political: 'diplomatic', security: 'defence', military: 'armed', growing: 'rising',
  increase: 'rise', increased: 'grew', despite: 'notwithstanding', although: 'though', because: 'since', while: 'whereas',
  support: 'backing', supported: 'backed', develop: 'build', developing: 'building', sanctions: 'restrictions',
  pressure: 'strain', partners: 'allies', partner: 'ally', agreement: 'accord', agreements: 'accords', deal: 'bargain',
  trade: 'commerce', energy: 'power', oil: 'crude', gas: 'fuel', interests: 'aims', influence: 'sway', region: 'area',
  regional: 'local', western: 'Atlantic', West: 'Atlantic bloc', government: 'administration', leaders: 'rulers',
  president: 'head of state', war: 'conflict', invasion: 'offensive', signed: 'concluded', continue: 'persist',
  ensure: 'guarantee', likely: 'probable', relatively: 'fairly', very: 'highly', many: 'numerous', several: 'various',
  new: 'fresh', first: 'initial', large: 'big', long: 'lengthy', recent: 'latest', key: 'central', role: 'part',
  position: 'stance', positions: 'stances', policy: 'approach', policies: 'approaches', tensions: 'frictions',
  mutual: 'shared', common: 'joint', help: 'aid', use: 'employ', used: 'employed', therefore: 'thus',
  seek: 'try', seeks: 'tries', sought: 'tried', remain: 'stay', remains: 'stays', continued: 'persisted',
  capacity: 'ability', ability: 'capacity', market: 'marketplace', markets: 'marketplaces', supply: 'provide',
  supplied: 'provided', reports: 'accounts', official: 'formal', officials: 'functionaries', said: 'stated',
  stated: 'declared', considered: 'regarded', consider: 'regard', both: 'the two', other: 'further', own: 'particular',
};

export const FILLERS = ['various', 'certain', 'wider', 'given', 'related', 'broader', 'current', 'specific'];
