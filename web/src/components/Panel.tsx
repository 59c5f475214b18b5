// A bordered box with an optional title, drawn as antd's Card draws one (its tokens, its sizes)
// without the Card: antd's Card imports its Tabs (with a dropdown and a menu), about 14 KB compressed
// that the light pages (the public report pages and the login) cannot spend (README "Web delivery").
import { theme } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

export function Panel({
  title,
  size = 'small',
  style,
  children,
}: {
  title?: ReactNode;
  /** As antd's Card: 'small' (12 px padding, 38 px title bar) or 'default' (24 px, 56 px). */
  size?: 'small' | 'default';
  style?: CSSProperties;
  children: ReactNode;
}) {
  const { token } = theme.useToken();
  const small = size === 'small';
  const padding = small ? token.paddingSM : token.paddingLG;
  const border = `${token.lineWidth}px ${token.lineType} ${token.colorBorderSecondary}`;
  return (
    <div style={{ background: token.colorBgContainer, border, borderRadius: token.borderRadiusLG, ...style }}>
      {title && (
        <div
          style={{
            minHeight: small ? 38 : 56,
            padding: `0 ${padding}px`,
            display: 'flex',
            alignItems: 'center',
            fontSize: small ? token.fontSize : token.fontSizeLG,
            fontWeight: token.fontWeightStrong,
            color: token.colorTextHeading,
            borderBottom: border,
          }}
        >
          {title}
        </div>
      )}
      <div style={{ padding }}>{children}</div>
    </div>
  );
}
