// How an audit action is named to a person (the export's 操作 column). The one place the server
// names actions: the audit label table (domain) answers here once it is merged; until then the
// action's code is its name.
export function auditActionLabel(action: string, _lang: 'zh' | 'en' = 'zh'): string {
  return action;
}
