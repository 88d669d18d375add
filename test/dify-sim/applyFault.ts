/**
 * Applies a fault chosen for a request. Faults that replace the response (refuse, html502, 429, 500,
 * any status) answer at once; delay waits and lets the request go on; cut/drip shape the body bytes;
 * errorFrame/eofWithoutEnd/hold/park are left on the request for the answer stream.
 */
import { sendError, sendNginx502 } from './envelope';
import type { Fault } from './faults';
import { HttpError, errors } from './httpError';
import { sleep } from './output';
import type { Req } from './request';

/** Returns true when the fault produced the whole response. */
export async function applyFault(req: Req, fault: Fault): Promise<boolean> {
  const { stats } = req.ctx;
  stats.faultsApplied[fault.kind] = (stats.faultsApplied[fault.kind] ?? 0) + 1;
  const headers = req.difyHeaders;
  switch (fault.kind) {
    case 'refuse':
      req.out.refuse();
      return true;
    case 'delay':
      await sleep(fault.ms);
      return false;
    case 'html502':
      await sendNginx502(req.out);
      return true;
    case 'rateLimit':
      await sendError(
        req.out,
        new HttpError(429, 'rate_limit_error', 'Rate Limit Error', { 'Retry-After': String(fault.retryAfterSeconds) }),
        headers,
      );
      return true;
    case 'server500':
      await sendError(req.out, errors.internal(), headers);
      return true;
    case 'status':
      await sendError(req.out, new HttpError(fault.status, fault.code, fault.message), headers);
      return true;
    case 'cut':
      req.out.reshape({ cutAt: fault.atByte });
      return false;
    case 'drip':
      req.out.reshape({ dripMs: fault.ms });
      return false;
    case 'errorFrame':
    case 'eofWithoutEnd':
    case 'hold':
    case 'park':
      req.fault = fault;
      return false;
  }
}
