import { type ModalCarry, modalResponseUrlSchema } from '../blocks/modal.ts';
import { RESPONSE_URL_TTL_MS } from '../deliver.ts';

type CarriedResponseUrl = Pick<ModalCarry, 'responseUrl' | 'responseUrlExpiresAt'>;

/**
 * A response_url just received, as the modal carries it to its submission (with when Slack stops honouring
 * it); nothing when there is none or it is not one the metadata can hold.
 */
export function carryResponseUrl(url: string | undefined, receivedAt: number): CarriedResponseUrl {
  if (url === undefined || !modalResponseUrlSchema.safeParse(url).success) return {};
  return { responseUrl: url, responseUrlExpiresAt: receivedAt + RESPONSE_URL_TTL_MS };
}

/** The response_url fields of decoded metadata, passed on unchanged (page 1 → page 2, into the context). */
export function carriedResponseUrl(metadata: CarriedResponseUrl): CarriedResponseUrl {
  return metadata.responseUrl === undefined || metadata.responseUrlExpiresAt === undefined
    ? {}
    : { responseUrl: metadata.responseUrl, responseUrlExpiresAt: metadata.responseUrlExpiresAt };
}
