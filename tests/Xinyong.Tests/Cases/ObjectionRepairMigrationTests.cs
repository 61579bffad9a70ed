using Dapper;
using Xinyong.Storage;
using Xinyong.Storage.Objections;
using Xinyong.Storage.Repairs;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Cases;

/// <summary>
/// Migration 0820 on a store that holds objections and repairs of the former desks (schema up to 0810): each becomes a
/// case of its kind (state, unit, subject, number, applicant as party, closing time), and every row keyed by the old id
/// (deadlines, history, pauses, attachments, messages, corrections to holders, assistance, evidence) answers to the case
/// id afterwards, while rows of other kinds keep their keys. On both stores.
/// </summary>
public class ObjectionRepairMigrationTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-10-12T09:00:00+08:00");

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public void Existing_objections_and_repairs_become_cases_and_every_reference_follows(string store)
    {
        using var s = TestStores.Create(store);
        var db = Database.FromArgument(s.Db);
        using (var c = db.Open())
        {
            c.Execute($"CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at {Migrator.Render("{{ts}}", db.Dialect)} NOT NULL)");
            foreach (var (version, name, sql) in Migrator.Scripts.Where(x => x.Version < 820))
            {
                using var tx = c.BeginTransaction();
                c.Execute(Migrator.Render(sql, db.Dialect), transaction: tx);
                c.Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @At)", new { version, name, At }, tx);
                tx.Commit();
            }
        }

        long subject, record, open, referred, repair, otherCase;
        using (var c = db.Open())
        {
            // A case of another kind first, so that case ids and the old row ids differ.
            otherCase = c.ExecuteScalar<long>("INSERT INTO cases (kind, number, state, unit, data, opened_at, opened_by, version) VALUES ('collector-complaint', 'TS2026000001', 'received', 'agency', '{}', @At, 'x', 1) RETURNING id", new { At });
            subject = c.ExecuteScalar<long>("INSERT INTO subjects (ref, kind, id_type, id_key, id_masked, name, created_at, updated_at) VALUES ('91230100MA1B2C3D4E', 'legal-person', 'uscc', '91230100MA1B2C3D4E', '9123****', '哈尔滨迁移测试有限公司', @At, @At) RETURNING id", new { At });
            record = c.ExecuteScalar<long>(
                """
                INSERT INTO records (item, subject_id, doc_key, version, status, serious, withheld, fields, content_hash, provider, channel, received_at, changed_at)
                VALUES ('admin-penalty', @subject, 'k1', 1, 'active', FALSE, FALSE, '{}', 'h', 'HRB-SJ', 'api', @At, @At) RETURNING id
                """, new { subject, At });
            const string objection =
                """
                INSERT INTO objections (subject_id, target_kind, record_id, ground, reason, applicant_name, applicant_contact, channel, filed_by, received_by, competent_unit, status, received_at, received_on)
                VALUES (@subject, 'record', @record, 'error', '金额有误', '某公司', '0451-1', 'online', 'subject:x', @receivedBy, 'HRB-SJ', @status, @At, @day) RETURNING id
                """;
            open = c.ExecuteScalar<long>(objection, new { subject, record, receivedBy = "agency", status = "open", At, day = new DateOnly(2026, 10, 12) });
            referred = c.ExecuteScalar<long>(objection.Replace("@record", "NULL"), new { subject, receivedBy = "HLJ-OTHER", status = "referred", At, day = new DateOnly(2026, 10, 12) });
            repair = c.ExecuteScalar<long>(
                """
                INSERT INTO repairs (subject_id, record_id, handler_unit, status, statement, applicant_name, applicant_contact, channel, filed_by, submitted_at, submitted_on)
                VALUES (@subject, @record, 'HRB-SJ', 'submitted', '已整改', '某公司', '0451-2', 'online', 'subject:x', @At, @day) RETURNING id
                """, new { subject, record, At, day = new DateOnly(2026, 10, 12) });
            Assert.Equal(open, repair);   // the old ids of the two kinds overlap: only the kind told them apart

            void Keyed(string kind, long id)
            {
                c.Execute("INSERT INTO case_deadlines (case_kind, case_id, code, name, unit, start_on, working_days, due_on, provisional, basis, status) VALUES (@kind, @id, 'c', 'n', 'HRB-SJ', @day, 3, @day, FALSE, 'b', 'open')", new { kind, id, day = new DateOnly(2026, 10, 15) });
                c.Execute("INSERT INTO case_steps (case_kind, case_id, at, actor, actor_name, kind, detail) VALUES (@kind, @id, @At, 'a', 'A', 'filed', 'd')", new { kind, id, At });
                c.Execute("INSERT INTO clock_pauses (case_kind, case_id, kind, from_on, started_by, started_at) VALUES (@kind, @id, 'testing', @day, 'a', @At)", new { kind, id, At, day = new DateOnly(2026, 10, 13) });
                c.Execute("INSERT INTO case_attachments (case_kind, case_id, file_name, content_type, size_bytes, sha256, content, uploaded_at, uploaded_by) VALUES (@kind, @id, 'a.pdf', 'application/pdf', 1, 'x', 'eA==', @At, 'a')", new { kind, id, At });
                c.Execute("INSERT INTO notifications (recipient_kind, recipient, case_kind, case_id, title, body, created_at) VALUES ('subject', '1', @kind, @id, 't', 'b', @At)", new { kind, id, At });
                c.Execute("INSERT INTO correction_notices (record_id, record_version, case_kind, case_id, holder, change, sent_at) VALUES (@record, 1, @kind, @id, 'DEPT', 'corrected', @At)", new { record, kind, id, At });
            }
            Keyed("objection", open);
            Keyed("repair", repair);
            Keyed("record", open);   // another kind with the same numeric key stays as it is
            c.Execute("INSERT INTO objection_assistance (objection_id, unit, question, requested_at, requested_by) VALUES (@open, 'HRB-GA', '核实', @At, 'a')", new { open, At });
            c.Execute("INSERT INTO repair_evidence (repair_id, kind, description) VALUES (@repair, '罚款缴纳凭证', '见附件')", new { repair });
        }

        Assert.Equal([820], Migrator.Migrate(db).Where(v => v == 820));

        using var cn = db.Open();
        var openCase = cn.ExecuteScalar<long>("SELECT case_id FROM objections WHERE id = @open", new { open });
        var referredCase = cn.ExecuteScalar<long>("SELECT case_id FROM objections WHERE id = @referred", new { referred });
        var repairCase = cn.ExecuteScalar<long>("SELECT case_id FROM repairs WHERE id = @repair", new { repair });
        Assert.Equal(3, new[] { openCase, referredCase, repairCase, otherCase }.Distinct().Count(x => x != otherCase));
        Assert.NotEqual(open, openCase);

        var cases = cn.Query<(long Id, string Kind, string Number, string State, long? SubjectId, string Unit, long Version, long Closed)>(
            "SELECT id, kind, number, state, subject_id, unit, version, CASE WHEN closed_at IS NULL THEN 0 ELSE 1 END FROM cases ORDER BY id").ToDictionary(x => x.Id);
        Assert.Equal(("objection", "open", (long?)subject, "HRB-SJ", 1L, 0L), (cases[openCase].Kind, cases[openCase].State, cases[openCase].SubjectId, cases[openCase].Unit, cases[openCase].Version, cases[openCase].Closed));
        Assert.Equal($"YY2026{openCase:D6}", cases[openCase].Number);
        Assert.Equal(("objection", "referred", "HLJ-OTHER", 1L), (cases[referredCase].Kind, cases[referredCase].State, cases[referredCase].Unit, cases[referredCase].Closed));
        Assert.Equal(("repair", "submitted", "HRB-SJ", $"XF2026{repairCase:D6}"), (cases[repairCase].Kind, cases[repairCase].State, cases[repairCase].Unit, cases[repairCase].Number));
        Assert.Equal(("applicant", "某公司", "0451-2", (long?)subject),
            cn.QuerySingle<(string, string, string, long?)>("SELECT role, name, contact, subject_id FROM case_parties WHERE case_id = @repairCase", new { repairCase }));

        foreach (var table in new[] { "case_deadlines", "case_steps", "clock_pauses", "case_attachments", "notifications", "correction_notices" })
        {
            Assert.Equal([openCase], cn.Query<long>($"SELECT case_id FROM {table} WHERE case_kind = 'objection'"));
            Assert.Equal([repairCase], cn.Query<long>($"SELECT case_id FROM {table} WHERE case_kind = 'repair'"));
            Assert.Equal([open], cn.Query<long>($"SELECT case_id FROM {table} WHERE case_kind = 'record'"));
        }

        // The stores answer by the case id: the objection, its assistance request, the repair and its evidence.
        var objections = new ObjectionStore(db);
        var o = objections.Get(openCase)!;
        Assert.Equal((openCase, "open", record), (o.Id, o.Status, o.RecordId!.Value));
        Assert.Equal([openCase], objections.Assistance(openCase).Select(a => a.ObjectionId));
        Assert.Equal([openCase], objections.OfSubject(subject).Where(x => x.Status == "open").Select(x => x.Id));
        var repairs = new RepairStore(db);
        Assert.Equal((repairCase, "submitted"), (repairs.Get(repairCase)!.Id, repairs.Get(repairCase)!.Status));
        Assert.Equal(["罚款缴纳凭证"], repairs.Evidence(repairCase).Select(e => e.Kind));
    }
}
