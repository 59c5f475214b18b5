-- Issue 28 review fixes (command board): a 12345 call is never read by an enterprise's session. A call
-- pushed to an enterprise may be its own employee reporting it; the unit sees the signal, never the call
-- (not the caller, masked or not). Region scope as before, and only without an enterprise in the session.
ALTER POLICY command_hotline_calls_read ON command_hotline_calls
  USING (region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true)) = '');
