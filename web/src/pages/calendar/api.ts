// The working-day calendar API as the page uses it; types from domain's schemas.
import type { CalendarDay, CalendarYear } from '@taishan/domain';
import { api } from '../../api.ts';

export const fetchYear = (year: number) => api<CalendarYear>(`/api/v1/calendar/days?year=${year}`);
export const addDay = (day: CalendarDay) => api<CalendarDay>('/api/v1/calendar/days', { method: 'POST', json: day });
export const setDay = ({ date, ...day }: CalendarDay) => api<CalendarDay>(`/api/v1/calendar/days/${date}`, { method: 'PUT', json: day });
export const removeDay = (date: string) => api<void>(`/api/v1/calendar/days/${date}`, { method: 'DELETE' });
