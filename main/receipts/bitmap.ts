/** A 1-bit image of a receipt (what a raster printer prints) and its PNG form, for screens, files and tests. */
import { PNG } from 'pngjs';

export interface Bitmap {
  width: number;
  height: number;
  /** One byte per dot: 1 = black. */
  dots: Uint8Array;
}

export function bitmapToPng(img: Bitmap): Buffer {
  const png = new PNG({ width: img.width, height: img.height });
  for (let i = 0; i < img.dots.length; i++) {
    const v = img.dots[i] ? 0 : 255;
    png.data[i * 4] = v;
    png.data[i * 4 + 1] = v;
    png.data[i * 4 + 2] = v;
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
}

export function pngToBitmap(buffer: Buffer): Bitmap {
  const png = PNG.sync.read(buffer);
  const dots = new Uint8Array(png.width * png.height);
  for (let i = 0; i < dots.length; i++) dots[i] = png.data[i * 4]! < 128 ? 1 : 0;
  return { width: png.width, height: png.height, dots };
}
