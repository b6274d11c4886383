// The codebook a new data dir starts with: the three tags analysts of Russia–Iran relations code for.
import type { Tag } from './types';

// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
export const DEFAULT_TAGS: readonly Tag[] = [
  {
    id: 'cooperation',
    name: 'Cooperation',
    color: '#009e73',
    description:
      'The parties act or speak together: agreements, joint positions, coordination, trade, ' +
      'arms or technology transfers, diplomatic backing, or shared narratives against a third party.',
    shortcut: '1',
    parentId: null,
    order: 0,
  },
  {
    id: 'friction',
    name: 'Friction',
    color: '#d55e00',
    description:
      'Disagreement, mistrust, competition or criticism between the parties: clashing interests, ' +
      'rivalry in markets or regions, public complaints, historical grievances.',
    shortcut: '2',
    parentId: null,
    order: 1,
  },
  {
    id: 'hedging',
    name: 'Hedging',
    color: '#0072b2',
    description:
      'A party keeping its options open (balancing, ambiguity, declining to commit), or an author ' +
      'qualifying a claim ("likely", "may", "it remains unclear").',
    shortcut: '3',
    parentId: null,
    order: 2,
  },
];
