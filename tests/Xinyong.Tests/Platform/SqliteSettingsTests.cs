using Dapper;
using Xinyong.Storage;

namespace Xinyong.Tests.Platform;

/// <summary>
/// A pooled SQLite connection is set up once, not on every open: each open still finds it with the settings it asked for
/// (a bulk load's larger checkpoints and smaller page cache do not leak into the next ordinary open, and back).
/// </summary>
public class SqliteSettingsTests
{
    private static (long Cache, long Checkpoint, long ForeignKeys, long Busy, string Journal) Settings(System.Data.Common.DbConnection c) =>
        (c.ExecuteScalar<long>("PRAGMA cache_size"), c.ExecuteScalar<long>("PRAGMA wal_autocheckpoint"),
         c.ExecuteScalar<long>("PRAGMA foreign_keys"), c.ExecuteScalar<long>("PRAGMA busy_timeout"), c.ExecuteScalar<string>("PRAGMA journal_mode")!);

    [Fact]
    public void Each_open_finds_the_settings_it_asked_for_on_a_pooled_connection()
    {
        var folder = Directory.CreateTempSubdirectory("xinyong-settings-").FullName;
        try
        {
            var db = Database.FromArgument(Path.Combine(folder, "x.db"));
            var normal = (-65536L, 1000L, 1L, 60000L, "wal");
            var bulk = (-32768L, 50000L, 1L, 60000L, "wal");
            for (var round = 0; round < 3; round++)
            {
                using (var c = db.Open()) Assert.Equal(normal, Settings(c));
                using (var c = db.OpenForBulkLoad()) Assert.Equal(bulk, Settings(c));
                using (var c = db.Open()) Assert.Equal(normal, Settings(c));
                using (var c = db.Open()) Assert.Equal(normal, Settings(c));
            }
            // A second connection while the first is held is another physical connection: set up too.
            using var one = db.Open();
            using var two = db.OpenForBulkLoad();
            Assert.Equal((normal, bulk), (Settings(one), Settings(two)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
