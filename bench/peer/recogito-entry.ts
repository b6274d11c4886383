// Browser entry of the recogito peer bundle: the library, its stylesheet and the in-page harness, as one global.
import '@recogito/text-annotator/text-annotator.css';
import { peerHarness } from './page';

declare global {
  interface Window {
    __recogitoPeer: typeof peerHarness;
  }
}

window.__recogitoPeer = peerHarness;
