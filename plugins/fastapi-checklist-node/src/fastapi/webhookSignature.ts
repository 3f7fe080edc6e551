import type { Node } from '../python/parser';
import type { PythonModule, PythonProject } from '../python/project';
import { reachesBoth, ReachMemo } from './splitCredentialCheck';

/**
 * A webhook verifying its sender's signature over the raw body it reads: the route
 * names a signature (`Stripe-Signature`, `X-Hub-Signature-256`, a `signature`
 * parameter) or computes one (`hmac`, Stripe's `construct_event`). Reading the bytes
 * is what the verification needs, so the read is justified.
 */
export const VERIFIES_SIGNATURE =
  /signature|\bhmac\.|compare_digest|construct_event/i;

/** A signature header or parameter the route takes from the request. */
const NAMES_SIGNATURE = /signature/i;
/** A verification of that signature: Stripe's construct_event, an HMAC compared in constant time, a provider SDK's verify. */
const CHECKS_SIGNATURE =
  /construct_event|compare_digest|verify_signature|verify_webhook|signature_verifier|\bis_valid_request\b|\.verify\(/;

const signatureReaches: ReachMemo = new WeakMap();

/**
 * A write authenticated by its sender's signature (a provider's webhook): the route
 * reads a signature and it, or a function of the service it hands it to (a few calls
 * deep), verifies it (`stripe.Webhook.construct_event(payload, sig_header, secret)`,
 * `hmac.compare_digest(…)`). Only asked of routes whose text names a signature.
 */
export function verifiesWebhookSignature(
  project: PythonProject,
  module: PythonModule,
  func: Node,
): boolean {
  if (!NAMES_SIGNATURE.test(func.text)) return false;
  return reachesBoth(
    project,
    module,
    func,
    text => NAMES_SIGNATURE.test(text),
    text => CHECKS_SIGNATURE.test(text),
    signatureReaches,
  );
}
