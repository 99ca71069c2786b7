/** The part of fontkit 2 (no bundled types) the credits PDF uses: parsing a font file once. */
declare module "fontkit" {
  export interface Font {
    postscriptName: string;
    numGlyphs: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
