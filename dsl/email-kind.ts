/**
 * Whether an email step is marketing (sequences to the contact: consent
 * rules, unsubscribe link and postal address apply) or transactional (staff
 * notifications, receipts). The `category` option says; without it an
 * email to the contact is marketing and one to staff is transactional.
 */
import type { EmailParams } from './ir';

export type EmailKind = 'marketing' | 'transactional';

export function isMarketingEmail(params: Pick<EmailParams, 'to'> & { category?: EmailKind }): boolean {
  return (params.category ?? (params.to === 'contact' ? 'marketing' : 'transactional')) === 'marketing';
}
