using System.Net;
using System.Net.Sockets;
using Dapper;
using Npgsql;
using Xinyong.Storage;
using Xinyong.Tests.Support;
using Xinyong.Web.Platform;
using Xinyong.Cli;

namespace Xinyong.Tests.Operations;

/// <summary>The <c>ReadReplica</c> setting and the fallback of stale reads to the primary, without a standby.</summary>
public class ReadReplicaSettingTests
{
    private static PlatformOptions Options(Dictionary<string, string?> settings) =>
        PlatformConfiguration.ToOptions(PlatformConfiguration.Build(null, settings));

    [Fact]
    public void A_read_replica_is_a_postgresql_standby_of_a_postgresql_store()
    {
        const string primary = "Host=db1;Database=xinyong;Username=xinyong";
        const string standby = "Host=db2;Database=xinyong;Username=xinyong";
        Assert.Equal(standby, Options(new() { ["Db"] = primary, ["ReadReplica"] = standby }).ReadReplica);
        Assert.Null(Options(new() { ["Db"] = primary }).ReadReplica);
        Assert.Contains("ReadReplica", PlatformConfiguration.Known);

        var ex = Assert.Throws<ConfigurationException>(() => Options(new() { ["Db"] = "/srv/x.db", ["ReadReplica"] = standby }));
        Assert.StartsWith("ReadReplica:", ex.Message);
        Assert.Throws<ConfigurationException>(() => Options(new() { ["Db"] = primary, ["ReadReplica"] = "/srv/replica.db" }));

        var db = Database.FromArgument(primary).WithReadReplica(standby);
        Assert.Equal("PostgreSQL db2:5432/xinyong", db.ReadReplica!.Display);
        Assert.Throws<ArgumentException>(() => Database.FromArgument("/srv/x.db").WithReadReplica(standby));
    }

    [Fact]
    public void A_password_for_the_replica_is_refused_in_the_file()
    {
        var dir = Directory.CreateTempSubdirectory("xinyong-config-").FullName;
        try
        {
            var file = Path.Combine(dir, "xinyong.json");
            File.WriteAllText(file, """{ "Db": "Host=db1;Database=x;Username=u", "ReadReplica": "Host=db2;Database=x;Username=u;Password=secret" }""");
            var ex = Assert.Throws<ConfigurationException>(() => PlatformConfiguration.RefuseSecrets(file));
            Assert.Contains("ReadReplica holds a password", ex.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public void Without_a_replica_or_with_one_that_cannot_be_reached_stale_reads_are_served_by_the_primary(string store)
    {
        using var s = TestStores.Create(store);
        var primary = Database.FromArgument(s.Db);
        Migrator.Migrate(primary);
        using (var c = primary.OpenStale()) Assert.Equal(0, c.ExecuteScalar<long>("SELECT COUNT(*) FROM records"));
        Assert.Equal(0, primary.ReplicaFallbacks);
        if (store != "postgres") return;

        // A replica on a port where nothing listens: every stale read is still answered, by the primary; the first
        // failure is reported (the platform logs it), then the replica is left alone for a while.
        var unreachable = new NpgsqlConnectionStringBuilder(s.Db) { Port = ClosedPort(), Timeout = 3 }.ConnectionString;
        var db = primary.WithReadReplica(unreachable);
        var reported = new List<Exception>();
        db.ReplicaUnavailable = reported.Add;
        for (var i = 0; i < 3; i++)
        {
            using var c = db.OpenStale();
            Assert.Equal(0, c.ExecuteScalar<long>("SELECT COUNT(*) FROM records"));
            Assert.False(c.ExecuteScalar<bool>("SELECT pg_is_in_recovery()"));   // the primary answered
        }
        Assert.Equal(1, db.ReplicaFallbacks);
        Assert.Single(reported);
    }

    private static int ClosedPort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
