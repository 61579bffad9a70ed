-- The messages of a case, found by the case: the 两书同达 notice after each collected batch asks, for every new negative
-- record, whether its notice was already sent (notifications.case_kind = 'disclosure', case_id = the record). Without
-- this index each batch read the whole notifications table once per record: a 10,000-row file took minutes once the
-- table held tens of thousands of messages (found by the network benchmark at 100,000 records on PostgreSQL).
CREATE INDEX notifications_case ON notifications (case_kind, case_id);
