export type ReportSummary = {
  id: string;
  category: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  regionCode: string;
  regionName: string | null;
  anonymous: boolean;
  status: string;
  receivedOn: string;
  acceptDue: string;
  concludeDue: string;
  concludedOn: string | null;
  assignee: string | null;
  overdue: 'accept' | 'conclude' | null;
  escalatedTier: string | null;
  hazardId: string | null;
  mergedInto: string | null;
  reward: { amount: number; steps: string[]; paidOn: string | null } | null;
  rewardReference: string | null;
  version: number;
  allowedActions: string[];
};

export type Reveal = {
  id: string;
  reportId: string;
  requester: string;
  reason: string;
  status: 'requested' | 'approved' | 'refused';
  decidedBy: string | null;
  decisionNote: string | null;
  requestedAt: string;
  decidedAt: string | null;
  mine: boolean;
  mayDecide: boolean;
  mayReveal: boolean;
};

export type ReportDetail = ReportSummary & {
  description: string;
  place: string | null;
  happenedAt: string | null;
  reason: string | null;
  rewardBasis: string | null;
  identitySealed: boolean;
  messages: { author: 'reporter' | 'handler'; handler: string | null; text: string; sentOn: string }[];
  files: { id: string; author: string; name: string; type: string; size: number }[];
  transitions: { action: string; from: string | null; to: string; actor: string; reason: string | null; at: string; dayOnly?: boolean }[];
  mergedReports: string[];
  reveals: Reveal[];
};
