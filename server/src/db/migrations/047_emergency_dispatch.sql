-- 物资调拨 (统一调拨、统一配送; issue 27, owner: dispatch): requests with per-line quantities, the
-- numbered 调拨指令, shipments (vehicle, driver), receipts, returns, consumption, donations (捐赠)
-- and designated producers (定点生产). Rules are domain/src/emergency/dispatch-*.ts; stock moves
-- only through the supplies ledger (postMovement, migration 046): 'out' when shipped, 'in' into
-- the receiver's warehouse on receipt and into the supplier's on a return.
-- A line's shipped / received / returned / consumed are sums over the child rows (never stored twice).
--
-- Scope (RLS): a request lives in the requester's region (region_code); the level that owns the
-- stock (supplier_region_code, an ancestor) sees it through its prefix. An enterprise sees none.

CREATE TABLE dispatch_requests (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code           text COLLATE "C" NOT NULL REFERENCES regions (code),
  supplier_region_code  text COLLATE "C" NOT NULL REFERENCES regions (code),
  status                text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'partlyApproved',
                          'rejected', 'dispatched', 'inTransit', 'partlyReceived', 'received', 'closed', 'cancelled')),
  priority              text NOT NULL CHECK (priority IN ('urgent', 'high', 'normal')),
  purpose               text NOT NULL,
  event_ref             text,
  deliver_to            text NOT NULL,
  deliver_lat           double precision,
  deliver_lng           double precision,
  receiver_unit         text NOT NULL,
  receiver_name         text NOT NULL,
  receiver_phone        text NOT NULL,
  needed_by             timestamptz NOT NULL,
  -- An emergency phone order (电话紧急调拨): backed by a written request within the setting's hours.
  via_phone             boolean NOT NULL DEFAULT false,
  phone_ordered_at      timestamptz,
  written_at            timestamptz,
  written_ref           text,
  requested_by          uuid REFERENCES users (id),
  requested_by_name     text,
  submitted_at          timestamptz,
  approved_by           uuid REFERENCES users (id),
  approved_by_name      text,
  approved_at           timestamptz,
  approval_note         text,
  reject_reason         text,
  order_number          text UNIQUE,
  supplier_contact      text,
  supplier_phone        text,
  order_issued_at       timestamptz,
  closed_at             timestamptz,
  cancelled_at          timestamptz,
  cancel_reason         text,
  version               integer NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (region_code <> supplier_region_code),
  CHECK (NOT via_phone OR phone_ordered_at IS NOT NULL)
);
CREATE INDEX dispatch_requests_region_idx ON dispatch_requests (region_code, status);
CREATE INDEX dispatch_requests_supplier_idx ON dispatch_requests (supplier_region_code, status);

CREATE TABLE dispatch_request_lines (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id          uuid NOT NULL REFERENCES dispatch_requests (id),
  position            integer NOT NULL,
  item_id             uuid NOT NULL REFERENCES supply_items (id),
  quantity_requested  numeric NOT NULL CHECK (quantity_requested > 0),
  quantity_approved   numeric CHECK (quantity_approved >= 0 AND quantity_approved <= quantity_requested),
  note                text NOT NULL DEFAULT '',
  UNIQUE (request_id, position)
);

-- The 调拨指令 as issued (frozen: the PDF is drawn from `body` every time).
CREATE TABLE dispatch_orders (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id  uuid NOT NULL UNIQUE REFERENCES dispatch_requests (id),
  number      text NOT NULL UNIQUE,
  issuer      text NOT NULL,
  title       text NOT NULL,
  body        jsonb NOT NULL,
  issued_by   uuid REFERENCES users (id),
  issued_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE dispatch_shipments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id    uuid NOT NULL REFERENCES dispatch_requests (id),
  warehouse_id  uuid NOT NULL REFERENCES supply_warehouses (id),
  vehicle       text NOT NULL,
  driver_name   text NOT NULL,
  driver_phone  text NOT NULL,
  eta           timestamptz,
  status        text NOT NULL DEFAULT 'inTransit' CHECK (status IN ('inTransit', 'partlyReceived', 'received')),
  shipped_by    uuid REFERENCES users (id),
  shipped_by_name text,
  shipped_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dispatch_shipments_request_idx ON dispatch_shipments (request_id, shipped_at);

CREATE TABLE dispatch_shipment_lines (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  shipment_id      uuid NOT NULL REFERENCES dispatch_shipments (id),
  request_line_id  uuid NOT NULL REFERENCES dispatch_request_lines (id),
  quantity         numeric NOT NULL CHECK (quantity > 0),
  received         numeric NOT NULL DEFAULT 0 CHECK (received >= 0 AND received <= quantity),
  -- The batches the 'out' movements took (FEFO), so a receipt enters them with their expiry.
  out_batches      jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX dispatch_shipment_lines_shipment_idx ON dispatch_shipment_lines (shipment_id);
CREATE INDEX dispatch_shipment_lines_line_idx ON dispatch_shipment_lines (request_line_id);

-- Each receipt (签收) of a shipment: who, when, into which warehouse, the quantities.
CREATE TABLE dispatch_receipts (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  shipment_id   uuid NOT NULL REFERENCES dispatch_shipments (id),
  receiver_name text NOT NULL,
  warehouse_id  uuid REFERENCES supply_warehouses (id),
  lines         jsonb NOT NULL,
  note          text NOT NULL DEFAULT '',
  received_by   uuid REFERENCES users (id),
  received_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dispatch_receipts_shipment_idx ON dispatch_receipts (shipment_id);

-- After the event: what was used (消耗) and what came back into a warehouse (回收入库).
CREATE TABLE dispatch_line_uses (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_line_id  uuid NOT NULL REFERENCES dispatch_request_lines (id),
  kind             text NOT NULL CHECK (kind IN ('consumed', 'returned')),
  quantity         numeric NOT NULL CHECK (quantity > 0),
  warehouse_id     uuid REFERENCES supply_warehouses (id),
  note             text NOT NULL DEFAULT '',
  by_id            uuid REFERENCES users (id),
  by_name          text,
  at               timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'returned') = (warehouse_id IS NOT NULL))
);
CREATE INDEX dispatch_line_uses_line_idx ON dispatch_line_uses (request_line_id);

CREATE TABLE dispatch_events (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id  uuid NOT NULL REFERENCES dispatch_requests (id),
  action      text NOT NULL,
  from_status text,
  to_status   text NOT NULL,
  actor_id    uuid REFERENCES users (id),
  actor_name  text,
  note        text,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dispatch_events_request_idx ON dispatch_events (request_id, at);

-- Donations (捐赠): received goods with donor, use and distribution. The public summary shows
-- totals by item and use, and names only donors who did not ask for anonymity.
CREATE TABLE dispatch_donations (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code   text COLLATE "C" NOT NULL REFERENCES regions (code),
  donor_kind    text NOT NULL CHECK (donor_kind IN ('person', 'unit')),
  donor_name    text NOT NULL,
  donor_contact text NOT NULL DEFAULT '',
  anonymous     boolean NOT NULL DEFAULT false,
  item_id       uuid NOT NULL REFERENCES supply_items (id),
  quantity      numeric NOT NULL CHECK (quantity > 0),
  use           text NOT NULL CHECK (use IN ('relief', 'medical', 'rescue', 'reserve', 'other')),
  received_on   date NOT NULL,
  warehouse_id  uuid REFERENCES supply_warehouses (id),
  note          text NOT NULL DEFAULT '',
  created_by    uuid REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dispatch_donations_region_idx ON dispatch_donations (region_code, received_on);

CREATE TABLE dispatch_donation_distributions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  donation_id  uuid NOT NULL REFERENCES dispatch_donations (id),
  recipient    text NOT NULL,
  quantity     numeric NOT NULL CHECK (quantity > 0),
  note         text NOT NULL DEFAULT '',
  by_id        uuid REFERENCES users (id),
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dispatch_donation_distributions_idx ON dispatch_donation_distributions (donation_id);

-- Designated producers (定点生产): an enterprise of the directory that can produce an item on call.
CREATE TABLE dispatch_producers (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id   uuid NOT NULL REFERENCES enterprises (id),
  region_code     text COLLATE "C" NOT NULL REFERENCES regions (code),
  item_id         uuid NOT NULL REFERENCES supply_items (id),
  capacity_per_day numeric NOT NULL CHECK (capacity_per_day > 0),
  agreement_ref   text NOT NULL DEFAULT '',
  valid_until     date,
  contact_name    text NOT NULL,
  contact_phone   text NOT NULL,
  -- Where it produces (the directory has no coordinates): for "nearest first" when stock is short.
  lat             double precision CHECK (lat BETWEEN -90 AND 90),
  lng             double precision CHECK (lng BETWEEN -180 AND 180),
  active          boolean NOT NULL DEFAULT true,
  created_by      uuid REFERENCES users (id),
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (enterprise_id, item_id)
);
CREATE INDEX dispatch_producers_item_idx ON dispatch_producers (item_id, region_code);

GRANT SELECT, INSERT, UPDATE ON dispatch_requests, dispatch_request_lines, dispatch_shipments, dispatch_shipment_lines,
  dispatch_producers TO taishan_app;
GRANT SELECT, INSERT ON dispatch_orders, dispatch_receipts, dispatch_line_uses, dispatch_events,
  dispatch_donation_distributions TO taishan_app;
-- UPDATE only so that a distribution can lock its donation (SELECT … FOR UPDATE); nothing updates it.
GRANT SELECT, INSERT, UPDATE ON dispatch_donations TO taishan_app;

-- The jurisdiction (never an enterprise account) reads and writes the requests inside its prefix.
ALTER TABLE dispatch_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY dispatch_requests_read ON dispatch_requests FOR SELECT TO taishan_app
  USING (region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''));
CREATE POLICY dispatch_requests_insert ON dispatch_requests FOR INSERT TO taishan_app
  WITH CHECK (region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''));
CREATE POLICY dispatch_requests_update ON dispatch_requests FOR UPDATE TO taishan_app
  USING (region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''));

-- Children follow their request.
ALTER TABLE dispatch_request_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY dispatch_request_lines_all ON dispatch_request_lines FOR ALL TO taishan_app
  USING (EXISTS (SELECT 1 FROM dispatch_requests r WHERE r.id = request_id))
  WITH CHECK (EXISTS (SELECT 1 FROM dispatch_requests r WHERE r.id = request_id));
ALTER TABLE dispatch_orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY dispatch_orders_all ON dispatch_orders FOR ALL TO taishan_app
  USING (EXISTS (SELECT 1 FROM dispatch_requests r WHERE r.id = request_id))
  WITH CHECK (EXISTS (SELECT 1 FROM dispatch_requests r WHERE r.id = request_id));
ALTER TABLE dispatch_shipments ENABLE ROW LEVEL SECURITY;
CREATE POLICY dispatch_shipments_all ON dispatch_shipments FOR ALL TO taishan_app
  USING (EXISTS (SELECT 1 FROM dispatch_requests r WHERE r.id = request_id))
  WITH CHECK (EXISTS (SELECT 1 FROM dispatch_requests r WHERE r.id = request_id));
ALTER TABLE dispatch_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY dispatch_events_all ON dispatch_events FOR ALL TO taishan_app
  USING (EXISTS (SELECT 1 FROM dispatch_requests r WHERE r.id = request_id))
  WITH CHECK (EXISTS (SELECT 1 FROM dispatch_requests r WHERE r.id = request_id));
ALTER TABLE dispatch_shipment_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY dispatch_shipment_lines_all ON dispatch_shipment_lines FOR ALL TO taishan_app
  USING (EXISTS (SELECT 1 FROM dispatch_shipments s WHERE s.id = shipment_id))
  WITH CHECK (EXISTS (SELECT 1 FROM dispatch_shipments s WHERE s.id = shipment_id));
ALTER TABLE dispatch_receipts ENABLE ROW LEVEL SECURITY;
CREATE POLICY dispatch_receipts_all ON dispatch_receipts FOR ALL TO taishan_app
  USING (EXISTS (SELECT 1 FROM dispatch_shipments s WHERE s.id = shipment_id))
  WITH CHECK (EXISTS (SELECT 1 FROM dispatch_shipments s WHERE s.id = shipment_id));
ALTER TABLE dispatch_line_uses ENABLE ROW LEVEL SECURITY;
CREATE POLICY dispatch_line_uses_all ON dispatch_line_uses FOR ALL TO taishan_app
  USING (EXISTS (SELECT 1 FROM dispatch_request_lines l WHERE l.id = request_line_id))
  WITH CHECK (EXISTS (SELECT 1 FROM dispatch_request_lines l WHERE l.id = request_line_id));

ALTER TABLE dispatch_donations ENABLE ROW LEVEL SECURITY;
CREATE POLICY dispatch_donations_read ON dispatch_donations FOR SELECT TO taishan_app
  USING (region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''));
CREATE POLICY dispatch_donations_insert ON dispatch_donations FOR INSERT TO taishan_app
  WITH CHECK (region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''));
CREATE POLICY dispatch_donations_update ON dispatch_donations FOR UPDATE TO taishan_app
  USING (region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''));
ALTER TABLE dispatch_donation_distributions ENABLE ROW LEVEL SECURITY;
CREATE POLICY dispatch_donation_distributions_all ON dispatch_donation_distributions FOR ALL TO taishan_app
  USING (EXISTS (SELECT 1 FROM dispatch_donations d WHERE d.id = donation_id))
  WITH CHECK (EXISTS (SELECT 1 FROM dispatch_donations d WHERE d.id = donation_id));

-- Producers: the jurisdiction reads and keeps those inside its prefix, and reads those of the
-- levels above (to call on them when its stock runs short); an enterprise reads its own.
ALTER TABLE dispatch_producers ENABLE ROW LEVEL SECURITY;
CREATE POLICY dispatch_producers_read ON dispatch_producers FOR SELECT TO taishan_app
  USING (CASE WHEN (SELECT current_setting('taishan.enterprise_id', true) = '')
    THEN (region_code >= (SELECT current_setting('taishan.region_prefix', true))
          AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~'))
         OR left(region_code, 2) = left((SELECT current_setting('taishan.region_prefix', true)), 2)
    ELSE enterprise_id::text = (SELECT current_setting('taishan.enterprise_id', true)) END);
CREATE POLICY dispatch_producers_insert ON dispatch_producers FOR INSERT TO taishan_app
  WITH CHECK (region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''));
CREATE POLICY dispatch_producers_update ON dispatch_producers FOR UPDATE TO taishan_app
  USING (region_code >= (SELECT current_setting('taishan.region_prefix', true))
    AND region_code < (SELECT current_setting('taishan.region_prefix', true) || '~')
    AND (SELECT current_setting('taishan.enterprise_id', true) = ''));
