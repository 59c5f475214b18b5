// The settings API as the page uses it; the types are inferred from domain's response schemas.
import type { SettingsList, SettingView } from '@taishan/domain';
import { api } from '../../api.ts';

export type { SettingsList, SettingView };

export const fetchSettings = (province: string | null) => api<SettingsList>(`/api/v1/settings${province ? `?province=${province}` : ''}`);

export const putSetting = (key: string, body: { province?: string; value: unknown; version: number }) =>
  api<SettingView>(`/api/v1/settings/${encodeURIComponent(key)}`, { method: 'PUT', json: body });

export const removeSettingOverride = (key: string, province: string, version: number | null) =>
  api<void>(`/api/v1/settings/${encodeURIComponent(key)}?province=${province}${version === null ? '' : `&version=${version}`}`, {
    method: 'DELETE',
  });
