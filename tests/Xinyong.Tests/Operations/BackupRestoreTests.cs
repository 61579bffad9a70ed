using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Collection.Sources;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Backup;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using Xinyong.Web.Features.Reports;
using Xinyong.Web.Platform;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Operations;

/// <summary>
/// <c>xinyong backup</c> of a populated store while writes continue, <c>xinyong restore</c> into a new store, and the
/// restored store verified: consistent counts, the audit chain and its anchor, the keys (persons still match), and a
/// report issued before the backup still verifies. On SQLite (online backup API) and PostgreSQL (pg_dump/pg_restore).
/// </summary>
public class BackupRestoreTests
{
    private static ServiceProvider Services(string db, string keys)
    {
        var o = new PlatformOptions { Db = db, Rules = Paths.Rules, KeysDirectory = keys, Sample = false };
        var sp = new ServiceCollection().AddLogging().AddPlatformCore(o).AddReports(o).BuildServiceProvider();
        Migrator.Migrate(sp.GetRequiredService<Database>());
        return sp;
    }

    private static ImportResult Import(IServiceProvider sp, Account provider, IEnumerable<string[]> rows) =>
        sp.GetRequiredService<CollectionPipeline>().Import(new ImportRequest(provider, "admin-penalty", "file", FileName: "p.csv"),
            RecordSources.Open(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Csv(PenaltyHeaders, rows))), SourceFormat.Csv));

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_backup_taken_while_writes_continue_restores_into_a_new_store_that_verifies(string store)
    {
        using var source = TestStores.Create(store);
        using var target = TestStores.Create(store);
        var keys = Path.Combine(source.Folder, "keys");
        var person = ResidentId("19790611", 318);
        byte[] report;
        string reportNo;
        using (var sp = Services(source.Db, keys))
        {
            // A populated store: a provider, companies and a natural person with penalties, a report issued.
            var accounts = sp.GetRequiredService<AccountStore>();
            accounts.AddOrUpdate(new NewAccount("HRB-SJ", AccountKinds.Provider, "哈尔滨市示例市场监督管理局", "city", "230100", Items: ["admin-penalty"]));
            var provider = accounts.Get("HRB-SJ")!;
            var first = Import(sp, provider, Enumerable.Range(0, 40).Select(i => Penalty($"哈尔滨备份{i}有限公司", Uscc($"MA1BK{i:D4}"), $"哈市监罚〔2026〕{i + 1}号"))
                .Append(PersonPenalty("王备份", person, "哈市监罚〔2026〕900号")));
            Assert.Equal(41, first.Accepted);
            var subject = sp.GetRequiredService<SubjectStore>().Find(Uscc("MA1BK0001"))!;
            var issued = sp.GetRequiredService<ReportIssuer>().Issue(subject, "public", "public", "web");
            report = issued.Pdf;
            reportNo = issued.Record.ReportNo;

            // A writer keeps importing new batches and appending to the audit chain while the backup runs.
            using var stop = new CancellationTokenSource();
            var batches = 0;
            var writer = Task.Run(() =>
            {
                var n = 0;
                while (!stop.IsCancellationRequested)
                {
                    n++;
                    Import(sp, provider, Enumerable.Range(0, 5).Select(i => Penalty($"哈尔滨写入{n}-{i}有限公司", Uscc($"MW{n:D4}{i:D3}"), $"哈市监罚〔2027〕{n}-{i}号")));
                    sp.GetRequiredService<AuditChain>().Append("test:writer", "write", $"batch:{n}");
                    Interlocked.Increment(ref batches);
                }
            });
            while (Volatile.Read(ref batches) < 3) await Task.Delay(20);

            var file = Path.Combine(source.Folder, "backup", "xinyong.backup");
            var keysArchive = Path.Combine(source.Folder, "backup", "keys.tar.gz");
            var backup = await Xy.Run("backup", "--db", source.Db, "--keys", keys, "-o", file, "--keys-out", keysArchive);
            var atBackup = Volatile.Read(ref batches);
            while (Volatile.Read(ref batches) < atBackup + 3) await Task.Delay(20);
            stop.Cancel();
            await writer;
            Assert.True(backup.ExitCode == 0, backup.Err);
            var manifest = backup.Json;
            Assert.True(File.Exists(file) && File.Exists(StoreBackup.ManifestOf(file)));
            if (!OperatingSystem.IsWindows())
                foreach (var f in new[] { keysArchive, file, StoreBackup.ManifestOf(file) })   // personal information and secrets: owner only
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f));
            var backedUpRecords = manifest.GetProperty("counts").GetProperty("records").GetInt64();
            long finalRecords;
            using (var c = sp.GetRequiredService<Database>().Open()) finalRecords = c.ExecuteScalar<long>("SELECT COUNT(*) FROM records");
            Assert.InRange(backedUpRecords, 41 + 3 * 5, finalRecords - 5);   // taken mid-stream: some writes before, some after

            // Restore into a new store, with the keys into a new keys folder.
            var newKeys = Path.Combine(target.Folder, "keys");
            var restore = await Xy.Run("restore", file, "--db", target.Db, "--keys", newKeys, "--keys-from", keysArchive);
            Assert.True(restore.ExitCode == 0, restore.Out + restore.Err);
            var r = restore.Json;
            Assert.True(r.GetProperty("valid").GetBoolean());
            Assert.True(r.GetProperty("audit").GetProperty("valid").GetBoolean());
            Assert.Equal(backedUpRecords, r.GetProperty("counts").GetProperty("records").GetInt64());
            Assert.Equal(manifest.GetProperty("counts").GetProperty("audit_log").GetInt64(), r.GetProperty("audit").GetProperty("entries").GetInt64());
        }

        using var restored = Services(target.Db, Path.Combine(target.Folder, "keys"));
        var db = restored.GetRequiredService<Database>();
        using (var c = db.Open())
        {
            // Consistent: every finished batch holds exactly the records it accepted (no batch torn by the backup).
            var torn = c.Query<long>(
                "SELECT b.id FROM batches b WHERE b.finished_at IS NOT NULL AND b.accepted <> (SELECT COUNT(*) FROM records r WHERE r.batch_id = b.id)").ToList();
            Assert.Empty(torn);
            Assert.Equal(0, c.ExecuteScalar<long>("SELECT COUNT(*) FROM records r WHERE NOT EXISTS (SELECT 1 FROM subjects s WHERE s.id = r.subject_id)"));
            // The audit chain's anchor: the restored chain ends with the entry the manifest names.
            var m = StoreBackup.ReadManifest(Path.Combine(source.Folder, "backup", "xinyong.backup"))!;
            Assert.Equal(m.AuditHash, c.QueryFirst<string>("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
        }
        Assert.True(restored.GetRequiredService<AuditChain>().Verify().Valid);
        // The personal-identifier key came back: the person is found by the identity number.
        Assert.NotNull(restored.GetRequiredService<SubjectStore>().Find(person));
        // A report issued before the backup verifies against the restored store (signature and register).
        var check = restored.GetRequiredService<ReportChecker>().Check(report);
        Assert.True(check.Valid, check.Reason);
        Assert.Equal(reportNo, check.ReportNo);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Restore_never_overwrites_a_store_or_a_different_key(string store)
    {
        using var source = TestStores.Create(store);
        using var occupied = TestStores.Create(store);
        using (Services(source.Db, Path.Combine(source.Folder, "keys"))) { }
        using (Services(occupied.Db, Path.Combine(occupied.Folder, "keys"))) { }   // migrated: not empty
        var file = Path.Combine(source.Folder, "b.backup");
        var keysArchive = Path.Combine(source.Folder, "keys.tar.gz");
        var backup = await Xy.Run("backup", "--db", source.Db, "--keys", Path.Combine(source.Folder, "keys"), "-o", file, "--keys-out", keysArchive);
        Assert.True(backup.ExitCode == 0, backup.Err);

        var again = await Xy.Run("backup", "--db", source.Db, "-o", file);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("never overwrites", again.Err);

        var into = await Xy.Run("restore", file, "--db", occupied.Db, "--keys", Path.Combine(occupied.Folder, "restored-keys"));
        Assert.Equal(1, into.ExitCode);
        Assert.Contains(store == "sqlite" ? "exists" : "not empty", into.Err);

        // The occupied store's own keys differ from the archived ones: not replaced.
        var keys = await Xy.Run("restore", file, "--db", occupied.Db + (store == "sqlite" ? ".new" : ""), "--keys", Path.Combine(occupied.Folder, "keys"), "--keys-from", keysArchive);
        Assert.Equal(1, keys.ExitCode);
        Assert.Contains("differs", keys.Err);
    }

    [Fact]
    public async Task A_changed_backup_file_is_refused()
    {
        using var source = TestStores.Create("sqlite");
        using var target = TestStores.Create("sqlite");
        using (Services(source.Db, Path.Combine(source.Folder, "keys"))) { }
        var file = Path.Combine(source.Folder, "b.backup");
        Assert.Equal(0, (await Xy.Run("backup", "--db", source.Db, "--keys", Path.Combine(source.Folder, "keys"), "-o", file)).ExitCode);
        await using (var f = File.OpenWrite(file)) { f.Seek(-1, SeekOrigin.End); f.WriteByte(0x5a); }
        var r = await Xy.Run("restore", file, "--db", target.Db);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("SHA-256", r.Err);
    }
}
