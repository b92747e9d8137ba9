/** Outbox delivery: the worker, the transports, and link tokens for the server's `/l/:token` route. */
export { DeliveryWorker, type AttemptOutcome, type DeliveryCounts, type DeliveryOutcome, type DeliveryWorkerOptions } from './delivery-worker';
export { DeliveryFailureLog, type FailureLogger } from './failure-log';
export { DeliveryThread, type DeliveryThreadOptions } from './delivery-thread-client';
export type { DeliveryThreadConfig } from './thread-protocol';
export { exponentialBackoff, type Backoff } from './backoff';
export { DeliveryError, permanentFailure, isPermanent } from './delivery-error';
export type { EmailEffect, FaxEffect, LetterEffect, Transport, Transports } from './transport';
export { createTransports, closeTransports, type TransportsConfig } from './create-transports';
export { createEmailTransport, SmtpEmailTransport, EmlFileEmailTransport, type SmtpConfig, type EmailTransportConfig } from './email-transport';
export { DKIM_SIGNED_HEADERS, signMessage, type DkimSigning } from './dkim';
export type { RecipientRefusal, SendReceipt } from './recipient-refusals';
export type { DeliveryEmailEvent } from './delivery-worker';
export { emailMessage, IDEMPOTENCY_HEADER, type EmailMessageOptions } from './email-message';
export { FaxTransport, FileFaxProvider, type FaxProvider, type FaxDocument } from './fax-transport';
export { PdfLetterTransport } from './letter-transport';
export { renderLetterPdf, type LetterPdfOptions } from './letter-pdf';
export { HttpPostTransport, type HttpPostOptions } from './http-post-transport';
export { checkPort, DEFAULT_PORTS } from './port-rule';
export {
  createLinkTokens,
  linkTracker,
  openPixel,
  DEFAULT_LINK_EXPIRY_MS,
  type LinkTokenData,
  type OpenTokenData,
  type OpenPixel,
  type Opened,
  type TrackingOptions,
  type LinkTokens,
  type LinkContext,
  type TrackLink,
} from './link-tokens';
export { rewriteLinks, type RewriteContext } from './rewrite-links';
export { keyToName, messageIdFor } from './key-names';
export { looksLikeHtml, htmlToText, plainText } from './html-text';
export {
  consentLinks, readUnsubscribeToken, readConfirmToken, CONFIRM_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER,
  type ConsentLinks, type ConsentLinksConfig,
} from './consent-links';
