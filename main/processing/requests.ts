/**
 * Request bodies of check and pay, written in the documents' exact wire form:
 * bare numbers for ids and amounts ("agentTransactionId": 1233355, "amountTo": 200.00),
 * keys in the documents' order.
 */
import { formatDecimal, type Minor } from '../../shared/money/amount.js';
import { formatLocalDateTime } from '../base/zone.js';
import { stringifyWire, wireNumber } from '../base/wire-json.js';

export interface ExtraService {
  subServiceId: string;
  amount: Minor;
  lastCount?: string | undefined;
}

export interface PaymentRequest {
  serviceId: string;
  account: string;
  agentTransactionId: string;
  agentTransactionDate: string;
  amountTo?: Minor | undefined;
  amountFrom?: Minor | undefined;
  identityCard?: string | undefined;
  fullName?: string | undefined;
  extras?: Record<string, string> | undefined;
  extraServices?: ExtraService[] | undefined;
}

export function buildPaymentBody(req: PaymentRequest): string {
  const body: Record<string, unknown> = {
    serviceId: req.serviceId,
    account: req.account,
    agentTransactionId: wireNumber(req.agentTransactionId),
    agentTransactionDate: req.agentTransactionDate,
  };
  if (req.amountTo !== undefined) body.amountTo = wireNumber(formatDecimal(req.amountTo));
  if (req.amountFrom !== undefined) body.amountFrom = wireNumber(formatDecimal(req.amountFrom));
  if (req.identityCard) body.identityCard = req.identityCard;
  if (req.fullName) body.fullName = req.fullName;
  if (req.extras && Object.keys(req.extras).length > 0) body.extras = { ...req.extras };
  if (req.extraServices && req.extraServices.length > 0) {
    body.extraServices = req.extraServices.map((s) => ({
      subServiceId: s.subServiceId,
      ...(s.lastCount !== undefined ? { lastCount: s.lastCount } : {}),
      amount: wireNumber(formatDecimal(s.amount)),
    }));
  }
  return stringifyWire(body);
}

/**
 * `YYYY-MM-DDThh:mm:ss` in the agent's configured time zone (Asia/Almaty by default), whatever the
 * OS's zone: the moment the customer's request came, the date the payment settles on.
 */
export function formatAgentDate(at: number, timeZone: string): string {
  return formatLocalDateTime(at, timeZone);
}

export const AGENT_DATE_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
