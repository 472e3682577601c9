/**
 * Each driver against its simulator over a real pseudo-terminal: notes credited once, on stacked,
 * returned when they would overpay, faults that stop the money, and a note inside at power-up settled.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { accepting, polls, rig, settle, type Rig } from './rig.js';

let r: Rig | null = null;
afterEach(async () => {
  await r?.close();
  r = null;
});

const credited = (x: Rig, session: string) => x.box.session(session)!.notes.map((n) => n.amount);
const outcomes = (x: Rig) => x.ledger.intentsAfter(0).map((i) => [i.amount, i.outcome?.kind ?? null]);

describe.each(['ccnet', 'id003'] as const)('%s driver against its simulator', (protocol) => {
  it('reads the device and its bill table, and is disabled until a screen waits for notes', async () => {
    r = await rig(protocol);
    expect(r.driver.state.identity?.protocol).toBe(protocol);
    expect(r.driver.state.bills.map((b) => b.amount)).toEqual([200_00, 500_00, 1_000_00, 2_000_00, 5_000_00, 10_000_00, 20_000_00]);
    expect(r.sim.model.enabled.size).toBe(0);
    r.sim.model.insert(1000);
    await polls(r);
    expect(r.sim.model.givenBack).toEqual([2]);
    expect(r.sim.model.cassette).toEqual([]);
  });

  it('a payment paid with three notes: each credited once, when stacked', async () => {
    r = await rig(protocol);
    const s = r.acceptor.begin(null, 1_700_00);
    await accepting(r);
    for (const note of [1000, 500, 200]) r.sim.model.insert(note);
    await settle(r!, () => r!.box.session(s.id)!.total === 1_700_00, 'three notes credited');
    expect(credited(r, s.id)).toEqual([1_000_00, 500_00, 200_00]);
    expect(r.sim.model.cassetteTenge()).toEqual([1000, 500, 200]);
    expect(outcomes(r)).toEqual([[1_000_00, 'stacked'], [500_00, 'stacked'], [200_00, 'stacked']]);
    // Covered: the device takes nothing more.
    await settle(r!, () => r!.sim.model.enabled.size === 0, 'the device disabled once the sum is covered');
    expect(r.events.filter((e) => e.kind === 'stacked').map((e) => e.kind === 'stacked' && e.total)).toEqual([1_000_00, 1_500_00, 1_700_00]);
  });

  it('a note that would overpay a locked amount is never stacked: the device is not enabled for it, and the host returns it if the device takes it anyway', async () => {
    r = await rig(protocol);
    const s = r.acceptor.begin(null, 1_500_00);
    await accepting(r);
    r.sim.model.insert(1000);
    await settle(r!, () => r!.box.session(s.id)!.total === 1_000_00, 'the first note');
    // Only 200 and 500 fit now: the device refuses a 1 000 at the slot.
    await settle(r!, () => r!.sim.model.enabled.size === 2, 'the device enabled for what fits');
    r.sim.model.insert(1000);
    await settle(r!, () => r!.sim.model.givenBack.length === 1, 'the note handed back');
    // A device that takes any note: the host sees it in escrow and returns it.
    r.sim.model.ignoresEnable = true;
    r.sim.model.insert(2000);
    await settle(r!, () => r!.events.some((e) => e.kind === 'returned' && e.why === 'overpay'), 'the host returning the note');
    await settle(r!, () => r!.sim.model.givenBack.length === 2, 'the note handed back');
    expect(r.box.session(s.id)!.total).toBe(1_000_00);
    expect(r.sim.model.cassetteTenge()).toEqual([1000]);
  });

  it('a jam mid-stack stops the money: nothing credited, the fault said, the note not known until counted', async () => {
    r = await rig(protocol);
    const s = r.acceptor.begin(null, null);
    await accepting(r);
    r.sim.model.jamNextStack = true;
    r.sim.model.insert(5000);
    await settle(r!, () => r!.driver.state.fault === 'jam-validator', 'the jam reported');
    expect(r.box.session(s.id)!.total).toBe(0);
    expect(r.ledger.deviceEvents().map((e) => e.kind)).toContain('fault:jam-validator');
    expect(() => r!.acceptor.begin(s.id, null)).toThrow(/cannot take notes now/);
    // The attendant clears the jam (the note taken out by hand): the journal says its fate is not known.
    r.sim.model.clearFault();
    await settle(r!, () => r!.driver.state.fault === null, 'the device back');
    expect(outcomes(r)).toEqual([[5_000_00, 'unknown']]);
    expect(r.box.session(s.id)!.total).toBe(0);
  });

  it('a cheating attempt stops the money and is journaled, until a person clears it', async () => {
    r = await rig(protocol);
    r.acceptor.begin(null, null);
    await accepting(r);
    r.sim.model.setFault('cheated');
    await settle(r!, () => r!.driver.state.fault === 'cheated', 'the cheat reported');
    expect(r.ledger.deviceEvents().map((e) => e.kind)).toContain('fault:cheated');
    r.sim.model.clearFault();
    await settle(r!, () => r!.driver.state.fault === null, 'cleared');
  });

  it('the cassette full: the last note credited, then nothing taken, said as a fault', async () => {
    r = await rig(protocol, { capacity: 2 });
    const s = r.acceptor.begin(null, null);
    await accepting(r);
    r.sim.model.insert(1000);
    r.sim.model.insert(1000);
    await settle(r!, () => r!.driver.state.fault === 'cassette-full', 'cassette full');
    expect(credited(r, s.id)).toEqual([1_000_00, 1_000_00]);
    r.sim.model.insert(1000);
    await polls(r);
    expect(r.box.session(s.id)!.total).toBe(2_000_00);
    expect(r.sim.model.cassette).toHaveLength(2);
  });

  it('the cable pulled mid-stack: no answer is a fault; plugged back, the note is credited once', async () => {
    r = await rig(protocol);
    const s = r.acceptor.begin(null, null);
    await accepting(r);
    r.sim.onCommand = (cmd) => {
      if (cmd === 'stack') r!.sim.model.silent = true;
    };
    r.sim.model.insert(2000);
    await settle(r!, () => r!.driver.state.fault === 'no-answer', 'no answer');
    expect(r.box.session(s.id)!.total).toBe(0);
    expect(r.box.openIntent()?.amount).toBe(2_000_00);
    r.sim.onCommand = null;
    r.sim.model.silent = false;
    await settle(r!, () => r!.box.session(s.id)!.total === 2_000_00, 'the note credited');
    await settle(r!, () => r!.driver.state.phase === 'ready', 'the device ready again');
    expect(credited(r, s.id)).toEqual([2_000_00]);
    expect(r.sim.model.cassetteTenge()).toEqual([2000]);
  });

  it('a repeated stacked answer is credited once', async () => {
    r = await rig(protocol);
    const s = r.acceptor.begin(null, null);
    await accepting(r);
    r.sim.model.repeatStacked = 3;
    r.sim.model.insert(10000);
    await settle(r!, () => r!.sim.model.repeatStacked === 0, 'the repeats sent');
    await polls(r);
    expect(credited(r, s.id)).toEqual([10_000_00]);
    expect(r.sim.model.cassetteTenge()).toEqual([10000]);
  });

  it('the power cut mid-stack: at power-up the device says the note is in the stacker, and it is credited once', async () => {
    r = await rig(protocol);
    const s = r.acceptor.begin(null, null);
    await accepting(r);
    r.sim.model.powerCutAt = 'stacking';
    r.sim.model.insert(1000);
    await settle(r!, () => r!.driver.state.fault === 'no-answer', 'the device silent');
    r.sim.model.powerOn();
    await settle(r!, () => r!.box.session(s.id)!.total === 1_000_00, 'the note credited at power-up');
    await settle(r!, () => r!.driver.state.phase === 'ready', 'ready');
    expect(outcomes(r)).toEqual([[1_000_00, 'stacked']]);
    expect(r.ledger.intentsAfter(0)[0]!.outcome!.detail).toMatch(/power-up/);
    expect(r.sim.model.cassetteTenge()).toEqual([1000]);
  });

  it('the terminal stopped between escrow and stacked, then started again: the note is credited once', async () => {
    r = await rig(protocol);
    const s = r.acceptor.begin(null, null);
    await accepting(r);
    let stopping: Promise<void> | null = null;
    r.sim.onCommand = (cmd) => {
      // The terminal dies right after STACK went out: its answers are never read.
      if (cmd === 'stack' && !stopping) stopping = r!.driver.stop();
    };
    r.sim.model.insert(5000);
    await settle(r!, () => stopping, 'the stack command');
    await stopping;
    r.sim.onCommand = null;
    expect(r.box.session(s.id)!.total).toBe(0);
    await r.restart();
    await settle(r!, () => r!.box.session(s.id)!.total === 5_000_00, 'the note credited after the restart');
    expect(outcomes(r)).toEqual([[5_000_00, 'stacked']]);
    expect(r.sim.model.cassetteTenge()).toEqual([5000]);
  });
});

describe('a stacked note the journal cannot keep', () => {
  it('stops the acceptor with an alarm, leaves the device reporting it, and credits it once the journal takes it', async () => {
    r = await rig('ccnet');
    const s = r.acceptor.begin(null, null);
    await accepting(r);
    const credit = r.ledger.credit.bind(r.ledger);
    let failing = true;
    r.ledger.credit = (...a) => {
      if (failing) throw new Error('SQLITE_FULL: database or disk is full');
      credit(...a);
    };
    r.sim.model.insert(1000);
    await settle(r!, () => r!.driver.state.phase === 'alarm', 'the alarm');
    expect(r.driver.state.alarm).toMatch(/could not be journaled.*disk is full/);
    await settle(r!, () => r!.sim.model.enabled.size === 0, 'the device disabled');
    expect(() => r!.acceptor.begin(null, null)).toThrow(/stopped/);
    // Not acknowledged: the device still reports the note stacked, so nothing is lost.
    expect(r.sim.model.state).toBe('stacked');
    expect(r.box.session(s.id)!.total).toBe(0);
    failing = false;
    await settle(r!, () => r!.box.session(s.id)!.total === 1_000_00, 'the note credited once the journal takes it');
    await polls(r);
    expect(credited(r, s.id)).toEqual([1_000_00]);
    expect(r.driver.state.phase).toBe('alarm');
  });
});

describe('waiting on the acceptor', () => {
  it('a waiter wakes at the device’s next event, long before its own timer, and at once when its signal aborts', async () => {
    r = await rig('ccnet');
    const s = r.acceptor.begin(null, 1_000_00);
    await accepting(r);
    let woke = false;
    void r.acceptor.nextEvent(600_000).then(() => (woke = true));
    r.sim.model.insert(1000);
    await settle(r!, () => r!.box.session(s.id)!.total === 1_000_00, 'the note credited');
    expect(woke).toBe(true);
    const stop = new AbortController();
    stop.abort();
    await r.acceptor.nextEvent(600_000, stop.signal);
  });
});
