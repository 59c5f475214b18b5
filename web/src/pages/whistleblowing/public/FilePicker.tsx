// The reporter's files before sending: a button that opens the phone's picker and the list of
// what was chosen, each removable. Drawn as antd's Upload draws its text list, without the Upload
// (with its progress bars and request code, about 16 KB compressed that /report cannot spend,
// README "Web delivery"); the page sends the files itself once the report has its receipt.
import { DeleteOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, theme } from 'antd';
import { useRef } from 'react';
import { useI18n } from '../../../i18n-provider.tsx';

export function FilePicker({
  files,
  onChange,
  accept,
  max,
}: {
  files: File[];
  onChange: (files: File[]) => void;
  accept: string;
  max: number;
}) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        accept={accept}
        hidden
        tabIndex={-1}
        aria-label={t('reportAddFiles')}
        onChange={(e) => {
          onChange([...files, ...(e.target.files ?? [])].slice(0, max));
          e.target.value = ''; // the same file may be chosen again after removing it
        }}
      />
      <Button data-testid="add-files" onClick={() => input.current?.click()}>
        {t('reportAddFiles')}
      </Button>
      {files.length > 0 && (
        <ul style={{ listStyle: 'none', padding: 0, margin: `${token.marginXS}px 0 0` }}>
          {files.map((f, i) => (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: two files may share a name; the position is what the list shows
              key={i}
              style={{ display: 'flex', alignItems: 'center', gap: token.marginXS, lineHeight: token.lineHeight, color: token.colorText }}
            >
              <PaperClipOutlined style={{ color: token.colorTextDescription }} />
              <span style={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{f.name}</span>
              <Button
                type="text"
                size="small"
                icon={<DeleteOutlined />}
                aria-label={`${t('reportRemoveFile')} ${f.name}`}
                title={t('reportRemoveFile')}
                onClick={() => onChange(files.filter((_, j) => j !== i))}
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
