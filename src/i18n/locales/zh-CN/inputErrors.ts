import type { inputErrors as en } from '../en/inputErrors';

export const inputErrors: typeof en = {
  imageErrors: {
    file: '{{name}}：{{reason}}',
    empty: '文件是空的（0 字节）',
    pngHeader: '这个 PNG 不完整：文件在文件头内就结束了',
    pngEnd: '这个 PNG 不完整：文件在最后一个数据块（IEND）之前就结束了',
    jpegHeader: '这个 JPEG 不完整或已损坏：找不到图像头',
    jpegEnd: '这个 JPEG 不完整：文件在图像结束标记之前就结束了',
    gif: '这个 GIF 不完整',
    webp: '这个 WebP 不完整或已损坏',
    tiff: '这是 TIFF 图像，浏览器无法解码；请另存为 PNG 或 JPEG 后再试',
    pdf: '这是 PDF 文档，不是图像',
    zip: '这是 zip 压缩包（或 Office 文档），不是图像',
    gzip: '这是 gzip 压缩包，不是图像',
    media: '这是视频或其他媒体文件，不是图像',
    heic: '这是 HEIC 照片，Chromium 无法解码；请导出为 JPEG 后再试',
    text: '这是文本文件，不是图像（不管它的文件名怎么写）',
    unknown: '这不是浏览器能解码的图像格式（PNG、JPEG、GIF、WebP、BMP、AVIF、SVG）',
    zeroSize: '它的文件头说图像是 {{width}} × {{height}} 像素',
    tooLarge:
      '图像有 {{width}} × {{height}} 像素（{{mp}} 百万像素）；ViT Lens 最多接受 {{max}} 百万像素，以免解码耗尽内存。请先缩小：模型每边只看几百个像素。',
    svg: '无法绘制这个 SVG（格式有误，或用了图像不支持的功能）',
    svgInEngine: 'SVG 在页面上绘制，不在引擎中绘制',
    decode: '浏览器无法解码这个 {{format}}（数据已损坏，或使用了不支持的变体）',
  },
};
