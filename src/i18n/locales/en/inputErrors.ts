/** What is wrong with a file given as an image, in plain words: also the English message of an ImageFileError
 *  (src/platform/imageSniff.ts reads this file, in the engine's worker too). Keep both languages in step. */
export const inputErrors = {
  imageErrors: {
    file: '{{name}}: {{reason}}',
    empty: 'the file is empty (0 bytes)',
    pngHeader: 'the PNG is truncated: it ends inside its header',
    pngEnd: 'the PNG is truncated: it ends before its last chunk (IEND)',
    jpegHeader: 'the JPEG is truncated or damaged: no image header found',
    jpegEnd: 'the JPEG is truncated: it ends before its end-of-image marker',
    gif: 'the GIF is truncated',
    webp: 'the WebP is truncated or damaged',
    tiff: 'it is a TIFF image, which browsers cannot decode; save it as PNG or JPEG and try again',
    pdf: 'it is a PDF document, not an image',
    zip: 'it is a zip archive (or an Office document), not an image',
    gzip: 'it is a gzip archive, not an image',
    media: 'it is a video or other media file, not an image',
    heic: 'it is a HEIC photo, which Chromium cannot decode; export it as JPEG and try again',
    text: 'it is a text file, not an image (whatever its name says)',
    unknown: 'it is not an image format the browser can decode (PNG, JPEG, GIF, WebP, BMP, AVIF, SVG)',
    zeroSize: 'its header says it is {{width}} × {{height}} pixels',
    tooLarge:
      'it is {{width}} × {{height}} pixels ({{mp}} megapixels); ViT Lens takes up to {{max}} megapixels, so that decoding it cannot exhaust memory. Scale it down first: the model sees only a few hundred pixels on a side.',
    svg: 'the SVG could not be drawn (it is malformed or uses features an image cannot)',
    svgInEngine: 'an SVG is drawn on the page, not in the engine',
    decode: 'the browser could not decode this {{format}} (its data is damaged or uses a variant it does not support)',
  },
};
