// A form label marked required as antd marks it (the asterisk), for a radio group or a select: antd's
// `required` rule would put aria-required on elements that do not allow it (axe: aria-allowed-attr).
// Pair it with `requiredRule`, a validator antd does not read as `required`.
import type { ReactNode } from 'react';

export function RequiredLabel({ children }: { children: ReactNode }) {
  return (
    <>
      <span aria-hidden style={{ color: '#c41d1d', marginInlineEnd: 4 }}>
        *
      </span>
      {children}
    </>
  );
}

/** The check of a required choice without antd's `required` (see above); `message` is already translated. */
export function requiredRule(message: string) {
  return {
    validator: (_: unknown, value: unknown) =>
      value === undefined || value === null || value === '' ? Promise.reject(new Error(message)) : Promise.resolve(),
  };
}
