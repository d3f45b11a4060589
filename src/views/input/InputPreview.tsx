import { useEffect, useRef } from 'react';

export interface InputPreviewProps {
  /** the resized pixels the model sees */
  pixels: ImageData;
  name: string;
  originalSize: [number, number];
  patchSize: number;
  size: number;
}

/** The image as the model sees it, with its patch grid drawn over it. */
export function InputPreview({ pixels, name, originalSize, patchSize, size }: InputPreviewProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current!;
    const scale = size / pixels.width;
    canvas.width = size;
    canvas.height = size;
    const ctx = canvas.getContext('2d')!;
    const source = document.createElement('canvas');
    source.width = pixels.width;
    source.height = pixels.height;
    source.getContext('2d')!.putImageData(pixels, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(source, 0, 0, size, size);
    ctx.strokeStyle = 'rgba(255,255,255,0.7)';
    ctx.lineWidth = 1;
    for (let p = 0; p <= pixels.width; p += patchSize) {
      const at = Math.round(p * scale) + 0.5;
      ctx.beginPath();
      ctx.moveTo(at, 0);
      ctx.lineTo(at, size);
      ctx.moveTo(0, at);
      ctx.lineTo(size, at);
      ctx.stroke();
    }
  }, [pixels, patchSize, size]);
  const grid = pixels.width / patchSize;
  return (
    <section className="panel" aria-labelledby="input-title">
      <h2 id="input-title">Input and patches</h2>
      <p className="explain">
        {name} ({originalSize[0]} × {originalSize[1]} px) resized to {pixels.width} × {pixels.height} and cut into {grid} × {grid}{' '}
        = {grid * grid} patches of {patchSize} × {patchSize} px. Shape [3, {pixels.height}, {pixels.width}].
      </p>
      <canvas
        ref={ref}
        data-testid="input-preview"
        role="img"
        aria-label={`${name} with its ${grid} by ${grid} patch grid`}
        style={{ width: size, height: size }}
      />
    </section>
  );
}
