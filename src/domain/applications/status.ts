/**
 * 办理状态 Where an application stands, and which office holds it, in the applicant's words:
 * sent, accepted, checked by the DPF, approved or not, withdrawn. Which move leads where, and who
 * makes it, is decisions.ts. Pure.
 */
import type { Text } from '../eligibility';
import type { FirstOffice } from './form';

export const STATUSES = ['submitted', 'accepted', 'reviewed', 'approved', 'refused', 'withdrawn'] as const;
export type Status = (typeof STATUSES)[number];

/** Statuses in which the case is still open (it can be withdrawn; another for the same person and form is refused). */
export const OPEN_STATUSES: readonly Status[] = ['submitted', 'accepted', 'reviewed'];
export const isOpen = (status: string): boolean => (OPEN_STATUSES as readonly string[]).includes(status);

/** Who holds a case: the first office, the county civil-affairs bureau that decides the two subsidies, or none once closed. */
export type Office = FirstOffice | 'countyCivilAffairs' | 'none';

export const STATUS_WORDS: Record<Status, Text> = {
  submitted: { zh: '已提交，等待受理', en: 'Sent, waiting to be accepted' },
  accepted: { zh: '已受理，正在审核', en: 'Accepted, being checked' },
  reviewed: { zh: '残联已审核，等待民政部门决定', en: 'Checked by the DPF, waiting for the civil affairs bureau’s decision' },
  approved: { zh: '已批准', en: 'Approved' },
  refused: { zh: '未批准', en: 'Not approved' },
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
  countyCivilAffairs: {
    zh: '县级民政部门',
    en: 'The county civil affairs bureau',
  },
  none: {
    zh: '没有办理机构（申请已关闭）',
    en: 'No office (the application is closed)',
  },
};
