/**
 * A bill validator as a machine, for the simulators: notes, escrow, the cassette, faults and power,
 * moved on by the host's polls as a real device moves on in time. The CCNET and ID003 simulators put
 * their own bytes on it. Scriptable: insert a note, jam the next stack, fill or pull the cassette,
 * cut the power at escrow or mid-stack, repeat a stacked answer, stop answering (the cable pulled).
 */

/** Notes of the tenge this simulated device knows, in tenge, by bill type (CCNET index / ID003 code order). */
export const SIMULATED_NOTES = [200, 500, 1000, 2000, 5000, 10000, 20000] as const;

export type ModelState =
  | 'power-up' | 'power-up-validator' | 'power-up-stacker' | 'initializing' | 'disabled' | 'idle' | 'accepting'
  | 'escrow' | 'stacking' | 'stacked' | 'vend-valid' | 'returning' | 'returned' | 'rejecting' | 'fault';

export type ModelFault = 'cassette-full' | 'cassette-removed' | 'jam-validator' | 'jam-cassette' | 'cheated';

export interface ModelOptions {
  /** Notes the cassette holds before it reports full. */
  capacity?: number;
  /** Polls spent initializing after a reset. */
  initPolls?: number;
  /** How long a note waits in escrow for the host's word before the device returns it. */
  escrowTimeoutMs?: number;
  /** ID003 reports VEND VALID (acknowledged by the host) before STACKED. */
  vendValid?: boolean;
}

export class ValidatorModel {
  state: ModelState = 'power-up';
  fault: ModelFault | null = null;
  enabled = new Set<number>();
  /** The note inside the device now (escrow, stacking, stuck in a jam), by bill type. */
  note: number | null = null;
  /** Notes in the cassette, by bill type, in the order stacked. */
  cassette: number[] = [];
  /** Notes the customer got back (returned, rejected, or handed back after a power cut). */
  givenBack: number[] = [];
  /** Every stacked note the device reported, by bill type: its own counter. */
  counter: number[] = [];
  /** No answers at all (the cable pulled, the power off). */
  silent = false;
  /** Answers the host has not acknowledged yet repeat: this many more repeats after an ACK (a lost ACK). */
  repeatStacked = 0;
  jamNextStack = false;
  powerCutAt: 'escrow' | 'stacking' | null = null;
  /** A broken device that takes every note whatever it was told to enable (the host must still return what does not fit). */
  ignoresEnable = false;
  /** Polls seen: a test waits on it instead of a clock. */
  polls = 0;
  private initLeft = 0;
  private queue: number[] = [];
  private escrowSince = 0;
  private pendingAck = false;
  private readonly opts: Required<ModelOptions>;

  constructor(options: ModelOptions = {}) {
    this.opts = { capacity: 500, initPolls: 2, escrowTimeoutMs: 10_000, vendValid: false, ...options };
  }

  typeOf(tenge: number): number {
    const t = SIMULATED_NOTES.indexOf(tenge as (typeof SIMULATED_NOTES)[number]);
    if (t < 0) throw new Error(`the simulated validator knows no ${tenge} tenge note (it knows ${SIMULATED_NOTES.join(', ')})`);
    return t;
  }

  // --- the script ---

  insert(tenge: number): void {
    this.queue.push(this.typeOf(tenge));
  }

  /** Cassette contents in tenge. */
  cassetteTenge(): number[] {
    return this.cassette.map((t) => SIMULATED_NOTES[t]!);
  }

  /** The cassette taken out (an encashment begins): its notes, in tenge; the device reports it missing. */
  removeCassette(): number[] {
    const notes = this.cassetteTenge();
    this.cassette = [];
    this.fault = 'cassette-removed';
    this.state = 'fault';
    return notes;
  }

  insertCassette(): void {
    if (this.fault === 'cassette-removed' || this.fault === 'cassette-full') this.clearFault();
  }

  /** Takes a note out of the cassette behind the terminal's back: the encashment must find the difference. */
  pilfer(tenge: number): void {
    const i = this.cassette.indexOf(this.typeOf(tenge));
    if (i < 0) throw new Error(`no ${tenge} tenge note in the cassette`);
    this.cassette.splice(i, 1);
  }

  setFault(fault: ModelFault): void {
    this.fault = fault;
    this.state = 'fault';
  }

  /** A person cleared the fault (a jammed note taken out goes nowhere the device counts). */
  clearFault(): void {
    this.fault = null;
    if (this.note !== null && this.state === 'fault') this.note = null;
    this.state = this.enabled.size > 0 ? 'idle' : 'disabled';
  }

  /** The power comes back: the device says whether a note is still inside. */
  powerOn(): void {
    this.silent = false;
  }

  private cutPower(where: 'validator' | 'stacker'): void {
    this.silent = true;
    this.powerCutAt = null;
    this.pendingAck = false;
    this.enabled.clear();
    this.state = where === 'validator' ? 'power-up-validator' : 'power-up-stacker';
  }

  // --- the host's commands ---

  reset(): void {
    if (this.state === 'power-up-validator' && this.note !== null) this.givenBack.push(this.note);
    if (this.state === 'power-up-stacker' && this.note !== null) this.cassette.push(this.note);
    if (this.state === 'escrow' && this.note !== null) this.givenBack.push(this.note);
    this.note = null;
    this.enabled.clear();
    this.pendingAck = false;
    this.fault = this.fault === 'cassette-removed' || this.fault === 'cassette-full' ? this.fault : null;
    this.state = 'initializing';
    this.initLeft = this.opts.initPolls;
  }

  enable(types: readonly number[]): void {
    this.enabled = new Set(types);
    if (this.state === 'idle' || this.state === 'disabled') this.state = this.enabled.size > 0 ? 'idle' : 'disabled';
  }

  /** STACK: only a note in escrow can be stacked. */
  stack(): boolean {
    if (this.state !== 'escrow') return false;
    if (this.powerCutAt === 'stacking') {
      this.cutPower('stacker');
      return true;
    }
    this.state = 'stacking';
    return true;
  }

  return(): boolean {
    if (this.state !== 'escrow') return false;
    this.state = 'returning';
    return true;
  }

  /** The host acknowledged the last answer: an event reported until then is done. */
  ack(): void {
    if (!this.pendingAck) return;
    if (this.repeatStacked > 0 && this.state === 'stacked') {
      this.repeatStacked--;
      return;
    }
    this.pendingAck = false;
    if (this.state === 'vend-valid') {
      this.state = 'stacked';
      return;
    }
    this.afterNote();
  }

  private afterNote(): void {
    this.note = null;
    if (this.cassette.length >= this.opts.capacity) {
      this.fault = 'cassette-full';
      this.state = 'fault';
    } else this.state = this.enabled.size > 0 ? 'idle' : 'disabled';
  }

  /** A poll: what the device reports now, having moved on one step. Null: no answer. */
  poll(now: number = Date.now()): { state: ModelState; type: number | null; fault: ModelFault | null } | null {
    if (this.silent) return null;
    this.polls++;
    const report = { state: this.state, type: this.note, fault: this.fault };
    // An event waits for the host's ACK from the moment it is reported (an ACK of an earlier answer does not count).
    this.pendingAck = report.state === 'stacked' || report.state === 'vend-valid' || report.state === 'returned';
    this.step(now);
    return report;
  }

  /** Moves the machine on after a report, as the device would in the time between two polls. */
  private step(now: number): void {
    switch (this.state) {
      case 'initializing':
        if (--this.initLeft <= 0) this.state = this.fault ? 'fault' : this.enabled.size > 0 ? 'idle' : 'disabled';
        return;
      case 'idle': {
        const next = this.queue.shift();
        if (next === undefined) return;
        this.note = next;
        this.state = this.enabled.has(next) || this.ignoresEnable ? 'accepting' : 'rejecting';
        return;
      }
      case 'disabled':
        // A disabled device takes nothing: a note pushed at it is refused at the slot.
        if (this.queue.length > 0) this.givenBack.push(this.queue.shift()!);
        return;
      case 'accepting':
        this.state = 'escrow';
        this.escrowSince = now;
        if (this.powerCutAt === 'escrow') this.cutPower('validator');
        return;
      case 'escrow':
        if (now - this.escrowSince > this.opts.escrowTimeoutMs) this.state = 'returning';
        return;
      case 'rejecting':
        if (this.note !== null) this.givenBack.push(this.note);
        this.note = null;
        this.state = this.enabled.size > 0 ? 'idle' : 'disabled';
        return;
      case 'stacking':
        if (this.jamNextStack) {
          this.jamNextStack = false;
          this.fault = 'jam-validator';
          this.state = 'fault';
          return;
        }
        this.cassette.push(this.note!);
        this.counter.push(this.note!);
        this.state = this.opts.vendValid ? 'vend-valid' : 'stacked';
        return;
      case 'stacked':
        // CCNET's stacked repeats until acknowledged; ID003's follows VEND VALID once.
        if (!this.opts.vendValid) return;
        if (this.repeatStacked > 0) {
          this.repeatStacked--;
          return;
        }
        this.afterNote();
        return;
      case 'returning':
        this.state = 'returned';
        if (this.note !== null) this.givenBack.push(this.note);
        return;
      case 'returned':
        if (this.opts.vendValid) this.afterNote();
        return;
      default:
        return;
    }
  }

  /** Whether the last report waits for the host's acknowledgement. */
  get awaitingAck(): boolean {
    return this.pendingAck;
  }
}
