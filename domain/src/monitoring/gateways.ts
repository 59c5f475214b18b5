// Gateway credentials (数据接入凭证): who may publish readings for which enterprises. A data
// gateway at an enterprise gets a credential for that enterprise; a third-party IoT platform
// forwarding for many enterprises gets a regional one, which only a platform admin issues.
// Pure rules; the server keeps the secrets and checks them at the broker.
import { z } from 'zod';
import { regionPrefix } from '../auth/roles.ts';
import { bi } from '../errors/messages.ts';

export const gatewayCredentialInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(60),
    /** The enterprise the gateway sends for (an enterprise account's own by default). */
    enterpriseId: z.uuid().optional(),
    /** Instead of one enterprise: every enterprise in this region ('' for the whole country). */
    regionCode: z
      .string()
      .regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})?$/, bi('行政区划代码为2、4、6、9或12位数字', 'Region code: 2, 4, 6, 9 or 12 digits'))
      .optional(),
  })
  .refine((v) => !(v.enterpriseId && v.regionCode !== undefined), {
    path: ['regionCode'],
    message: bi('企业凭证与区域凭证只能选一种', 'Either one enterprise or a region, not both'),
  });
export type GatewayCredentialInput = z.infer<typeof gatewayCredentialInputSchema>;

/** What a credential covers: one enterprise, or the enterprises whose region code starts with a prefix. */
export type GatewayGrant = { enterpriseId: string } | { regionPrefix: string };

/** Whether a grant lets its holder publish for an enterprise (its id and 12-digit region code). */
export function grantCovers(grant: GatewayGrant, enterprise: { id: string; regionCode: string }): boolean {
  return 'enterpriseId' in grant ? grant.enterpriseId === enterprise.id : enterprise.regionCode.startsWith(grant.regionPrefix);
}

/** The stored form of a regional grant: the significant prefix ('' is the whole country). */
export const grantRegionPrefix = (regionCode: string) => (regionCode === '' ? '' : regionPrefix(regionCode));
