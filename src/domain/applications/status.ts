/**
 * 办理状态 Where an application stands, and which office holds it. This issue has the
 * applicant's two: sent (the first office holds it) and withdrawn. The caseworkers' chain of
 * review and decision (issue 13) adds its own steps here. Pure.
 */
import type { Text } from '../eligibility';
import type { FirstOffice } from './form';

export const STATUSES = ['submitted', 'withdrawn'] as const;
export type Status = (typeof STATUSES)[number];

/** Statuses in which the case is still open (it can be withdrawn; another for the same person and form is refused). */
export const OPEN_STATUSES: readonly Status[] = ['submitted'];
export const isOpen = (status: string): boolean => (OPEN_STATUSES as readonly string[]).includes(status);

export type Office = FirstOffice | 'none';

export const STATUS_WORDS: Record<Status, Text> = {
  submitted: { zh: '已提交，等待受理', en: 'Sent, waiting to be accepted' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

/** Who holds the case, in words; the region's name is added by the page. */
export const OFFICE_WORDS: Record<Office, Text> = {
  township: {
    zh: '户籍所在地的乡镇（街道）受理窗口',
    en: 'The township (sub-district) office where the person’s household is registered',
  },
  countyDpf: {
    zh: '当地残联',
    en: 'The local Disabled Persons’ Federation (DPF)',
  },
  none: {
    zh: '没有办理机构（申请已关闭）',
    en: 'No office (the application is closed)',
  },
};
