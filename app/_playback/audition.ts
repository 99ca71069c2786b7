/** Audition: the piece as it would sound with a candidate's notes in place of the region. */
export { inRegion, substituteRegion } from "@/lib/region";
