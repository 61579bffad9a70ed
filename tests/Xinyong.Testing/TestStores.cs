using Npgsql;

namespace Xinyong.Tests.Support;

/// <summary>
/// The stores the storage tests run on: SQLite always; PostgreSQL when <c>XINYONG_TEST_PG</c> names a server (the test
/// script starts one). With <c>XINYONG_REQUIRE_PG=1</c> a missing server fails the run instead of leaving it out.
/// </summary>
public static class TestStores
{
    /// <summary>xunit theory data: "sqlite", and "postgres" when available.</summary>
    public static IEnumerable<object[]> All()
    {
        yield return ["sqlite"];
        if (PostgresServer is not null || Environment.GetEnvironmentVariable("XINYONG_REQUIRE_PG") == "1") yield return ["postgres"];
    }

    /// <summary>The PostgreSQL server's connection string, or null.</summary>
    public static string? PostgresServer => Environment.GetEnvironmentVariable("XINYONG_TEST_PG") is { Length: > 0 } s ? s : null;

    /// <summary>A fresh, empty store of the given kind; disposing it removes it.</summary>
    public static TempStore Create(string kind) => kind switch
    {
        "sqlite" => TempStore.Sqlite(),
        "postgres" => TempStore.Postgres(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

/// <summary>A throwaway database: a SQLite file in a temp folder, or a PostgreSQL database created for the test.</summary>
public sealed class TempStore : IDisposable
{
    private readonly Action _drop;

    private TempStore(string db, string folder, Action drop) { Db = db; Folder = folder; _drop = drop; }

    /// <summary>The <c>--db</c> value.</summary>
    public string Db { get; }

    /// <summary>A temp folder for the test's keys and files.</summary>
    public string Folder { get; }

    public static TempStore Sqlite()
    {
        var folder = Directory.CreateTempSubdirectory("xinyong-test-").FullName;
        return new TempStore(Path.Combine(folder, "xinyong.db"), folder, () => { });
    }

    public static TempStore Postgres()
    {
        var server = TestStores.PostgresServer ?? throw new InvalidOperationException(
            "PostgreSQL tests need a server: run ./test.sh (it starts one), or set XINYONG_TEST_PG to a connection string");
        var name = "xinyong_t_" + Guid.NewGuid().ToString("N")[..12];
        using (var c = new NpgsqlConnection(server))
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            cmd.ExecuteNonQuery();
        }
        var cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        var folder = Directory.CreateTempSubdirectory("xinyong-test-").FullName;
        return new TempStore(cs, folder, () =>
        {
            NpgsqlConnection.ClearAllPools();
            using var c = new NpgsqlConnection(server);
            c.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
            cmd.ExecuteNonQuery();
        });
    }

    public void Dispose()
    {
        try { _drop(); } catch (NpgsqlException) { /* the server is going away with the test run */ }
        try { Directory.Delete(Folder, true); } catch (IOException) { }
    }
}
