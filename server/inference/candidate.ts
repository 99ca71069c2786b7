/** One candidate's token choice: grammar, then musical constraints, then the seeded sampler. */
import { BAR, EOS, advance, allowedNext, type DecodedNote, type GrammarState } from "../../models/tokenizer";
import { constrain, recordNote, type ConstraintState } from "./constraints";
import type { CandidateDecoder } from "./decode";
import { sampleToken, type Rng, type SampleOptions } from "./sampler";

export interface CandidateParts {
  grammar: GrammarState;
  constraints: ConstraintState;
  sample: SampleOptions;
  rng: Rng;
  onNote(note: DecodedNote, slot: number): void;
}

/** The most ids a note in progress still needs (after TRACK: POS DUR PITCH). */
const NOTE_TAIL = 3;

export function createCandidate(p: CandidateParts): CandidateDecoder {
  const g = p.grammar;
  return {
    choose(logits, offset, room) {
      const masked = constrain(p.constraints, g, allowedNext(g));
      let ids = masked.allowed;
      // Close the region in time: the remaining BARs and EOS must still fit after any note in progress.
      if (room <= g.nBars - g.barsOpened + 1 + NOTE_TAIL) {
        const closers = ids.filter((id) => id === BAR || id === EOS);
        if (closers.length > 0) ids = closers;
      }
      if (ids.length === 0) throw new Error(`no token is allowed after ${g.last} in bar ${g.bar}`);
      return sampleToken(logits, offset, ids, p.sample, p.rng, masked.bias);
    },
    accept(id) {
      const note = advance(g, id);
      if (note) p.onNote(note, recordNote(p.constraints, note));
      return g.last === "eos";
    },
  };
}
