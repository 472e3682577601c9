/**
 * Sends bytes to a printer: `tcp://host:port` (network printers, port 9100), a device or file
 * path (`/dev/usb/lp0`, `/dev/ttyUSB0`, `COM3`), or `printer:NAME` (the OS spooler, raw, via `lp`).
 * Every path has a timeout and fails with a typed error: a printer never hangs a payment.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

export type PrinterFailure = 'refused' | 'timeout' | 'dropped' | 'device' | 'spooler' | 'paper-out';

export class PrinterError extends Error {
  override name = 'PrinterError';
  constructor(
    readonly failure: PrinterFailure,
    message: string,
  ) {
    super(message);
  }
}

/** The answer to DLE EOT 4 (paper roll sensor): bits 5 and 6 set mean the paper has run out. */
function isPaperEnd(status: number): boolean {
  return (status & 0x60) === 0x60;
}

export async function sendToPrinter(iface: string, data: Buffer, timeoutMs: number): Promise<void> {
  if (iface.startsWith('tcp://')) return sendTcp(iface, data, timeoutMs);
  if (iface.startsWith('printer:')) return sendSpooler(iface.slice('printer:'.length), data, timeoutMs);
  return sendDevice(iface, data, timeoutMs);
}

function parseTcp(iface: string): { host: string; port: number } {
  const u = new URL(iface);
  return { host: u.hostname, port: Number(u.port || 9100) };
}

/**
 * TCP: bytes handed to the network prove nothing, so after the receipt the printer is asked for its
 * paper sensor (DLE EOT 4). An answer means it is alive and took the receipt; paper end fails the
 * print; silence until the timeout fails it too.
 */
function sendTcp(iface: string, data: Buffer, timeoutMs: number): Promise<void> {
  const { host, port } = parseTcp(iface);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let settled = false;
    const done = (err?: PrinterError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) socket.destroy();
      else socket.end();
      if (err) reject(err);
      else resolve();
    };
    const timer = setTimeout(() => done(new PrinterError('timeout', `printer ${host}:${port} did not confirm the receipt within ${timeoutMs} ms`)), timeoutMs);
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') done(new PrinterError('refused', `printer ${host}:${port} refused the connection (off, or another program holds it)`));
      else done(new PrinterError('dropped', `printer ${host}:${port}: ${err.message}`));
    });
    socket.on('close', () => done(new PrinterError('dropped', `printer ${host}:${port} closed the connection before confirming the receipt`)));
    socket.on('data', (d: Buffer) => {
      if (isPaperEnd(d[0]!)) done(new PrinterError('paper-out', `printer ${host}:${port} is out of paper`));
      else done();
    });
    socket.on('connect', () => {
      socket.write(data);
      socket.write(Buffer.from([0x10, 0x04, 0x04]));
    });
  });
}

function sendDevice(path: string, data: Buffer, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(new PrinterError('timeout', `printer device ${path} did not take the receipt within ${timeoutMs} ms`));
    }, timeoutMs);
    fs.promises
      .writeFile(path, data, { flag: 'a' })
      .then(() => {
        if (settled) return;
        clearTimeout(timer);
        resolve();
      })
      .catch((err: NodeJS.ErrnoException) => {
        if (settled) return;
        clearTimeout(timer);
        reject(new PrinterError('device', `printer device ${path}: ${err.code ?? ''} ${err.message}`.trim()));
      });
  });
}

function sendSpooler(name: string, data: Buffer, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('lp', ['-d', name, '-o', 'raw'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new PrinterError('timeout', `the OS printer ${name} did not take the receipt within ${timeoutMs} ms`));
    }, timeoutMs);
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new PrinterError('spooler', `the OS printer ${name} cannot be used here (${err.message})`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new PrinterError('spooler', `the OS printer ${name}: lp exited ${code}: ${stderr.trim()}`));
    });
    child.stdin.end(data);
  });
}

/** Asks a network printer's paper sensor (DLE EOT 4). 'unknown' when the printer cannot say. */
export function paperStatus(iface: string, timeoutMs: number): Promise<'ok' | 'out' | 'unknown' | 'unreachable'> {
  // A device path that is not there is a printer unplugged; the OS spooler cannot be asked.
  if (iface.startsWith('printer:')) return Promise.resolve('unknown');
  if (!iface.startsWith('tcp://')) return Promise.resolve(fs.existsSync(iface) ? 'unknown' : 'unreachable');
  const { host, port } = parseTcp(iface);
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const finish = (s: 'ok' | 'out' | 'unreachable') => {
      clearTimeout(timer);
      socket.destroy();
      resolve(s);
    };
    const timer = setTimeout(() => finish('unreachable'), timeoutMs);
    socket.on('error', () => finish('unreachable'));
    socket.on('connect', () => socket.write(Buffer.from([0x10, 0x04, 0x04])));
    socket.on('data', (d: Buffer) => finish(isPaperEnd(d[0]!) ? 'out' : 'ok'));
  });
}
