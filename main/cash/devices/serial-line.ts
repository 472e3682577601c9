/**
 * The byte line to a device: a serial port (serialport 13, its N-API binding inside the package), or
 * any pair of write and data callbacks (a test's pipe). Request and answer over it, with a timeout:
 * a device that stops answering (the cable pulled) surfaces as NoAnswerError, never as a hang.
 */
import { FrameDecoder, type FrameShape } from './frame-decoder.js';

export interface SerialLine {
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): void;
  /** The port went away (a USB adapter pulled out): the line must be opened again. */
  onClose?(listener: () => void): void;
  close(): Promise<void>;
}

export interface SerialSettings {
  baudRate: number;
  dataBits: 8;
  parity: 'none' | 'even';
  stopBits: 1;
}

export class NoAnswerError extends Error {
  override name = 'NoAnswerError';
}

/** Opens a serial port by path (a /dev/tty…, or a COM port on Windows). */
export async function openSerialPort(path: string, settings: SerialSettings): Promise<SerialLine> {
  const { SerialPort } = await import('serialport');
  const port = new SerialPort({ path, baudRate: settings.baudRate, dataBits: settings.dataBits, parity: settings.parity, stopBits: settings.stopBits, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(new Error(`cannot open ${path}: ${err.message}`)) : resolve())));
  // Never an unhandled 'error' event: every failure reaches the driver as a write that failed or a line that closed.
  port.on('error', () => undefined);
  return {
    write: (bytes) => new Promise((resolve, reject) => port.write(Buffer.from(bytes), (err) => (err ? reject(err) : port.drain(() => resolve())))),
    onData: (listener) => port.on('data', (chunk: Buffer) => listener(new Uint8Array(chunk))),
    onClose: (listener) => {
      port.on('close', () => listener());
      // An I/O error on the port (the adapter pulled out, EIO) is the line gone: opened again by the driver.
      port.on('error', () => listener());
    },
    close: () => new Promise((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  };
}

/** Frames over a line: one request, one answer (or none, for an acknowledgement the device does not answer). */
export class FrameLink {
  private readonly decoder: FrameDecoder;
  private waiting: ((frame: Uint8Array) => void) | null = null;

  /** False once the port went away. */
  open = true;

  constructor(
    private readonly line: SerialLine,
    shape: FrameShape,
    /** How long an answer may take; CCNET and ID003 devices answer within tens of milliseconds. */
    private readonly answerMs: number,
  ) {
    this.decoder = new FrameDecoder(shape);
    line.onClose?.(() => (this.open = false));
    line.onData((chunk) => {
      for (const frame of this.decoder.push(chunk)) {
        const w = this.waiting;
        this.waiting = null;
        // An answer nobody waits for (it came after its request timed out) is stale: dropped.
        w?.(frame);
      }
    });
  }

  /** Frames dropped for a bad CRC: a noisy cable shows here before it fails. */
  get lineErrors(): number {
    return this.decoder.rejected;
  }

  async request(frame: Uint8Array): Promise<Uint8Array> {
    if (this.waiting) throw new Error('one request at a time on a serial line');
    let timer: NodeJS.Timeout | undefined;
    let fail: (err: Error) => void = () => undefined;
    const answer = new Promise<Uint8Array>((resolve, reject) => {
      fail = (err) => {
        clearTimeout(timer);
        this.waiting = null;
        reject(err);
      };
      // The answer's deadline runs from the request, whatever the write does: a dead port whose write
      // never completes is no answer, never a hang.
      timer = setTimeout(() => {
        this.decoder.reset();
        fail(new NoAnswerError(`no answer within ${this.answerMs} ms`));
      }, this.answerMs);
      this.waiting = (f) => {
        clearTimeout(timer);
        resolve(f);
      };
    });
    this.line.write(frame).catch((err: unknown) => fail(new NoAnswerError(`cannot write to the device: ${err instanceof Error ? err.message : String(err)}`)));
    return answer;
  }

  /** A frame the device does not answer (an ACK); a write that does not complete in time is the line gone. */
  async send(frame: Uint8Array): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.line.write(frame),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new NoAnswerError(`the write did not complete within ${this.answerMs} ms`)), this.answerMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes the port; a port that never says it closed is let go after a second. */
  close(): Promise<void> {
    this.open = false;
    return Promise.race([this.line.close(), new Promise<void>((resolve) => setTimeout(resolve, 1_000).unref())]);
  }
}
