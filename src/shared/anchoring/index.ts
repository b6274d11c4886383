// What the renderer needs of anchoring: describe a selection as selectors, check and snap ranges. Placing is main's (src/main/anchoring/).
export { checkRange, snapToCodePoints, splitsSurrogatePair } from './offsets';
export { describe } from './describe';
