export { MidiFormatError } from "./format-error";
export { parseMidiFile, type MidiPiece } from "./read";
export { writeMidiFile, type MidiDocument, type WriteMidiOptions } from "./write";
export { guessRole, INSTRUMENT_OF_ROLE, programOfInstrument } from "./roles";
export { parsePitchName, pitchName } from "./pitch-name";
