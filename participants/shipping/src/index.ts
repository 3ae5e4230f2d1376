/**
 * @order-fulfilment/shipping — the shipping participant: books a shipment to a destination the carrier serves
 * and cancels it as compensation. Each shipment is its own document, keyed by the saga step and
 * holding its own idempotency marker. Run it with `node src/main.ts`; import it only to build the
 * participant in a test or another composition root — never from another participant or the
 * orchestrator.
 *
 * @example
 *   const shipping = createShippingParticipant(db, { countries: ['GB', 'FR'] });
 *   await runParticipant(shipping, { broker, logger, prefetch: 32, maxBytes: 262144 });
 */
export { createShippingParticipant, type ShippingOptions } from './participant.ts';
export { ShippingConfig, DEFAULT_COUNTRIES } from './config.ts';
export { destinationRefusal, trackingNumberFor } from './shipment-rules.ts';
