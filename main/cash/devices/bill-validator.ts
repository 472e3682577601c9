/**
 * The bill validator's driver, for either protocol: it polls the device, turns its answers into
 * decisions asked of the escrow handler (the rule that keeps money, in note-acceptor.ts), and tells
 * the device what was decided. Three habits keep the money:
 * - a note in escrow is stacked only when the handler says so (it journals the intent first);
 * - a stacked note is handed to the handler on the transition into stacked (or VEND VALID) only, and
 *   the device's answer is acknowledged only after the handler returned (the journal has it): a
 *   device keeps repeating an unacknowledged event, so a crash before the write loses nothing;
 * - a handler that cannot journal a stacked note stops the acceptor (disabled, alarm raised).
 * The driver never decides money itself; it is told which notes to enable and asks about each one.
 */
import type { Minor } from '../../../shared/money/amount.js';
import type { BillType, DeviceFault, DeviceIdentity, DeviceStatus } from './device-status.js';
import { FrameLink, NoAnswerError, type SerialLine } from './serial-line.js';
import type { ValidatorProtocol } from './validator-protocol.js';

export interface EscrowHandler {
  /** A note in escrow (null: a bill type the table does not name). 'stack' only after the intent is journaled. */
  escrow(amount: Minor | null): 'stack' | 'return';
  /** The device reports the note stacked (or past returning): journal it, or throw (the acceptor stops). */
  stacked(amount: Minor | null): void;
  /** The device gave a note back (returned after a decision, or rejected as not a note it takes). */
  returned(amount: Minor | null, why: 'returned' | 'rejected'): void;
  /** The device came up (power, reset or reconnect), perhaps with a note inside: reconcile with the journal. */
  poweredUp(bill: 'validator' | 'stacker' | null): void;
  /** The device went quiet after a note's intent, and came back with no note inside: the journal says what is not known. */
  lostTrack(): void;
  /** A state worth telling (a fault began or ended, accepting or not): for the screens, the attendant and the journal. */
  changed(state: ValidatorState): void;
}

export interface ValidatorState {
  /** 'starting' until the device answered and was set up; 'ready' while it answers. */
  phase: 'starting' | 'ready' | 'fault' | 'alarm' | 'stopped';
  fault: DeviceFault | null;
  accepting: boolean;
  identity: DeviceIdentity | null;
  bills: BillType[];
  /** Why the acceptor stopped taking money for good (a stacked note the journal could not keep). */
  alarm: string | null;
  last: DeviceStatus['kind'] | null;
}

export interface ValidatorOptions {
  /** Between polls while nothing happens (CCNET asks 100–200 ms). */
  pollMs?: number;
  /** How long one answer may take. */
  answerMs?: number;
  /** Tries of one exchange before the device counts as not answering (the cable pulled). */
  tries?: number;
  /** How long the device may stay initializing after a reset (CCNET allows up to 40 s). */
  initializeMs?: number;
}

const CREDITED_KINDS = new Set<DeviceStatus['kind']>(['vend-valid', 'stacked']);
/** States between notes: a new note's cycle starts after one of these. */
const IDLE_KINDS = new Set<DeviceStatus['kind']>(['idle', 'disabled', 'accepting']);

export class BillValidator {
  private line: FrameLink | null = null;
  private readonly opts: Required<ValidatorOptions>;
  private typeAmounts = new Map<number, Minor>();
  private wanted: number[] = [];
  private enabled: string | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** The note cycle: the escrow's type, what was decided, whether its credit was handed over. */
  private cycle: { type: number | null; decision: 'stack' | 'return' | null; credited: boolean; returned: boolean } = { type: null, decision: null, credited: false, returned: false };
  private quiet = false;
  readonly state: ValidatorState = { phase: 'starting', fault: null, accepting: false, identity: null, bills: [], alarm: null, last: null };
  /** Polls answered: a sign of life for the health check and for tests that wait on the device. */
  polls = 0;
  /** The last exchanges in words, newest last: what `tolem device status` shows and a failing test prints. */
  readonly trace: string[] = [];

  private record(line: string): void {
    this.trace.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    if (this.trace.length > 200) this.trace.splice(0, this.trace.length - 200);
  }

  constructor(
    readonly protocol: ValidatorProtocol,
    /** Opens the line (again, after the port went away). */
    private readonly openLine: () => Promise<SerialLine>,
    private readonly handler: EscrowHandler,
    options: ValidatorOptions = {},
  ) {
    this.opts = { pollMs: 150, answerMs: 500, tries: 3, initializeMs: 40_000, ...options };
  }

  private get link(): FrameLink {
    if (!this.line?.open) throw new NoAnswerError('the serial port is closed');
    return this.line;
  }

  /** Why the port cannot be opened, if it cannot (a wrong path, no permission, the adapter unplugged). */
  portProblem: string | null = null;

  /** Starts polling. The first answer is reconciled before the device is reset (a note may be inside). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.state.phase = 'stopped';
    await this.line?.close().catch(() => undefined);
  }

  /** Which notes the device may take now (amounts, tiyn); none: disabled. Applied at the next poll. */
  accept(amounts: readonly Minor[]): void {
    this.wanted = [...this.typeAmounts].filter(([, a]) => amounts.includes(a)).map(([t]) => t).sort((a, b) => a - b);
    this.wake?.();
  }

  amountOf(type: number | null): Minor | null {
    return type === null ? null : (this.typeAmounts.get(type) ?? null);
  }

  private async exchange<T>(fn: () => Promise<T>): Promise<T> {
    let last: unknown;
    for (let i = 0; i < this.opts.tries; i++) {
      try {
        return await fn();
      } catch (err) {
        last = err;
        this.record(`! ${err instanceof Error ? err.message : String(err)}`);
        if (!(err instanceof NoAnswerError)) throw err;
        // A late answer to the request that timed out must not be taken for the answer to its retry:
        // let the line go quiet first (frames arriving while nobody waits are dropped).
        await new Promise((resolve) => setTimeout(resolve, Math.min(this.opts.answerMs, 200)));
      }
    }
    throw last;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }

  private tell(patch: Partial<ValidatorState>): void {
    const before = JSON.stringify([this.state.phase, this.state.fault, this.state.accepting, this.state.alarm]);
    Object.assign(this.state, patch);
    if (JSON.stringify([this.state.phase, this.state.fault, this.state.accepting, this.state.alarm]) !== before) this.handler.changed({ ...this.state });
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (!this.line?.open) {
        try {
          this.line = new FrameLink(await this.openLine(), this.protocol.shape, this.opts.answerMs);
          this.portProblem = null;
        } catch (err) {
          this.portProblem = err instanceof Error ? err.message : String(err);
          this.quiet = true;
          this.tell({ phase: 'fault', fault: 'no-answer', accepting: false });
          this.record(`! ${this.portProblem}`);
          await this.sleep(2_000);
          continue;
        }
      }
      try {
        if ((this.state.phase === 'starting' || this.quiet) && !(await this.setUp())) {
          // A note was still on its way (stacking, stacked, in escrow): dealt with; look again before resetting.
          await this.sleep(this.opts.pollMs);
          continue;
        }
        await this.turn();
        await this.sleep(this.opts.pollMs);
      } catch (err) {
        if (!this.running) break;
        if (err instanceof NoAnswerError) {
          // The cable pulled, the device off: no money moves; when it answers again it is set up anew.
          if (!this.quiet) this.quiet = true;
          this.enabled = null;
          this.tell({ phase: 'fault', fault: 'no-answer', accepting: false });
          await this.sleep(Math.max(this.opts.pollMs, 500));
        } else {
          this.tell({ phase: 'fault', fault: 'failure', accepting: false });
          await this.sleep(Math.max(this.opts.pollMs, 1000));
        }
      }
    }
  }

  /**
   * At start and after the device was quiet: reconcile what it holds, reset it, learn its bill table.
   * False while a note is still on its way (dealt with as any poll's answer; set up on a later turn).
   */
  private async setUp(): Promise<boolean> {
    const first = await this.exchange(() => this.protocol.poll(this.link));
    this.polls++;
    // A note still in escrow, stacking or reported stacked is dealt with as any poll's answer would be.
    if (first.kind === 'escrow' || first.kind === 'stacking' || CREDITED_KINDS.has(first.kind) || first.kind === 'returned' || first.kind === 'returning') {
      if (this.typeAmounts.size === 0 && first.kind === 'escrow') {
        // The bill table is needed to name the note: learn it without resetting (a reset would return the note).
        await this.learn();
      }
      await this.handle(first);
      if (first.kind !== 'returned') return false;
    }
    if (first.kind === 'power-up') this.handler.poweredUp(first.bill);
    else if (this.quiet || this.state.phase === 'starting') this.handler.lostTrack();
    await this.exchange(() => this.protocol.reset(this.link));
    const deadline = Date.now() + this.opts.initializeMs;
    for (;;) {
      await this.sleep(this.opts.pollMs);
      const s = await this.exchange(() => this.protocol.poll(this.link));
      this.polls++;
      await this.protocol.acknowledge(this.link, s);
      if (s.kind !== 'initializing' && s.kind !== 'power-up' && s.kind !== 'busy') break;
      if (Date.now() > deadline) throw new Error('the device did not finish initializing');
    }
    await this.learn();
    this.enabled = null;
    this.quiet = false;
    this.cycle = { type: null, decision: null, credited: false, returned: false };
    this.tell({ phase: this.state.alarm ? 'alarm' : 'ready', fault: null });
    return true;
  }

  private async learn(): Promise<void> {
    const { identity, bills } = await this.exchange(() => this.protocol.identify(this.link));
    this.typeAmounts = new Map(bills.map((b) => [b.type, b.amount]));
    this.state.identity = identity;
    this.state.bills = bills;
  }

  private async turn(): Promise<void> {
    // Enabled only for what is wanted, and never while an alarm stands.
    const target = this.state.alarm ? [] : this.wanted;
    const key = target.join(',');
    if (this.enabled !== key) {
      await this.exchange(() => this.protocol.enable(this.link, target));
      this.enabled = key;
      this.tell({ accepting: target.length > 0 });
    }
    const status = await this.exchange(() => this.protocol.poll(this.link));
    this.polls++;
    await this.handle(status);
  }

  private async handle(status: DeviceStatus): Promise<void> {
    const previous = this.state.last;
    if (status.kind !== previous) this.record(`< ${status.kind}${'type' in status && status.type !== null ? ` ${status.type}` : ''}${status.kind === 'fault' ? ` ${status.fault}` : ''}`);
    this.state.last = status.kind;
    if (IDLE_KINDS.has(status.kind)) {
      // Back between notes after being told to stack one, with no word of it stacked or returned (a jam
      // cleared by hand, a note pulled back): the note's fate is not known, and the journal says so.
      if (this.cycle.decision === 'stack' && !this.cycle.credited && !this.cycle.returned) this.handler.lostTrack();
      this.cycle = { type: null, decision: null, credited: false, returned: false };
    }
    switch (status.kind) {
      case 'escrow': {
        // Asked once per note; the same escrow repeated (a command lost on the line) gets the same answer, sent again.
        if (this.cycle.decision === null || this.cycle.type !== status.type) {
          this.cycle = { type: status.type, decision: this.handler.escrow(this.amountOf(status.type)), credited: false, returned: false };
        }
        await this.protocol.acknowledge(this.link, status);
        const decision = this.cycle.decision;
        this.record(`> ${decision}`);
        await this.exchange(() => (decision === 'stack' ? this.protocol.stack(this.link) : this.protocol.return(this.link)));
        return;
      }
      case 'vend-valid':
      case 'stacked': {
        const type = status.type ?? this.cycle.type;
        if (!this.cycle.credited && !(previous !== null && CREDITED_KINDS.has(previous) && previous === status.kind)) {
          try {
            this.handler.stacked(this.amountOf(type));
            this.cycle.credited = true;
          } catch (err) {
            // The classic lost-cash bug is to go on here: the note is not acknowledged (the device keeps
            // reporting it, and the next poll tries the journal again) and nothing more is taken.
            this.state.last = previous;
            this.tell({ phase: 'alarm', alarm: `a stacked note could not be journaled: ${err instanceof Error ? err.message : String(err)}` });
            return;
          }
        }
        await this.protocol.acknowledge(this.link, status);
        return;
      }
      case 'returning':
      case 'returned':
        // ID003 says returning and then idle; CCNET says returned (repeated until acknowledged): told once.
        if (!this.cycle.returned) {
          this.cycle.returned = true;
          this.handler.returned(this.amountOf(status.kind === 'returned' ? (status.type ?? this.cycle.type) : this.cycle.type), 'returned');
        }
        await this.protocol.acknowledge(this.link, status);
        return;
      case 'rejecting':
        if (previous !== 'rejecting') this.handler.returned(null, 'rejected');
        await this.protocol.acknowledge(this.link, status);
        return;
      case 'power-up':
        // Power came back while running: the device forgot its settings and may hold a note; the
        // next turn sets it up anew, reconciling what its power-up answer says is inside.
        this.quiet = true;
        return;
      case 'fault':
        await this.protocol.acknowledge(this.link, status);
        this.tell({ phase: this.state.alarm ? 'alarm' : 'fault', fault: status.fault });
        return;
      default:
        await this.protocol.acknowledge(this.link, status);
        if (this.state.fault !== null) this.tell({ phase: this.state.alarm ? 'alarm' : 'ready', fault: null });
    }
  }
}
