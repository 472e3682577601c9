/** The bill validator as every screen reaches it: one queue of calls, shared by the payment and the payout screens (note-intake.ts). */
import { call } from '../ipc/bridge';
import { noteIntake } from './note-intake';

const intake = noteIntake({ accept: (a) => call('cash.accept', a), insert: (a) => call('cash.insert', a), stop: (a) => call('cash.stop', a) });
export const acceptNotes = intake.accept;
export const insertNote = intake.insert;
export const stopNotes = intake.stop;
