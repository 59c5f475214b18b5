// The platform's antd theme: every colour that carries text meets WCAG 2.1 AA contrast (≥ 4.5:1 on
// white and on its own light tint), fixed once here instead of page by page (issue 22 item 22).
// antd derives tag, alert, link and button colours from these seeds: the preset palettes (blue,
// green, gold …) are seeded one step darker so that a tag's text (shade 7) on its tint (shade 1)
// passes; grey text is rgba(0,0,0,.65)-dark, not .45.
import type { ThemeConfig } from 'antd';
import type React from 'react';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#b71c1c', // 7.0:1 on white
    colorLink: '#0958d9', // 6.0:1 on white (antd's #1677ff is 4.1)
    colorInfo: '#0958d9',
    colorSuccess: '#237804', // 6.3:1 on white
    colorWarning: '#ad4e00', // 5.3:1 on white
    colorError: '#c41d1d', // 6.1:1 on white (antd's #ff4d4f is 3.3)
    colorTextSecondary: '#595959', // 7.0:1
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
    colorTextPlaceholder: '#6b6b6b', // 5.3:1
    colorTextQuaternary: '#6b6b6b', // empty-list text
    // Status tints stay light (antd would derive grey-green from the darker seeds above).
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorInfoBg: '#e6f4ff',
    colorInfoBorder: '#91caff',
    colorWarningBg: '#fff7e6',
    colorWarningBorder: '#ffd591',
    colorErrorBg: '#fff1f0',
    colorErrorBorder: '#ffccc7',
    // Preset palettes: shade 6 is the seed, a tag's text is shade 7.
    blue: '#0958d9',
    geekblue: '#1d39c4',
    green: '#237804',
    lime: '#3f6600',
    gold: '#ad6800',
    yellow: '#ad8b00',
    orange: '#ad4e00',
    volcano: '#ad2102',
    red: '#a8071a',
    magenta: '#9e1068',
    purple: '#391085',
    cyan: '#006d75',
  },
};

/** Text on a risk colour (红/橙/黄/蓝 keep their meaning): black passes 4.5:1 on all four (white fails on red 4.2, orange, yellow and blue). */
export const RISK_TEXT = '#000';

/** Text for screen readers only (a label a sighted user reads from the placeholder). */
export const VISUALLY_HIDDEN: React.CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};
