-- A coupon its merchant paused (from the dashboard): payers cannot apply it, nor pay with it, until it is resumed.
alter table coupon add column paused_at timestamp with time zone;
