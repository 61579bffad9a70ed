using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using System.Text;
using Xinyong.Tests.Support;
using Xinyong.Web.Api;

namespace Xinyong.Tests.Security;

/// <summary>
/// The authorization matrix: every API route and page handler of the running app (read from its endpoint data
/// sources, so a new endpoint is in it at once) × every role, against the one table in <see cref="AuthorizationMatrix"/>.
/// A new endpoint without a declared rule, or without a row, fails; so does any cell whose observed outcome differs.
/// </summary>
public class AuthorizationMatrixTests
{
    [Fact]
    public async Task Every_endpoint_declares_a_known_rule_and_has_exactly_its_row_in_the_table()
    {
        await using var m = await MatrixPlatform.Start("sqlite");
        var endpoints = m.Endpoints();
        Assert.True(endpoints.Count > 80, $"only {endpoints.Count} endpoints found");
        var undeclared = endpoints.Where(e => e.Rule is null || !AccessRules.All.ContainsKey(e.Rule)).Select(e => e.Key).ToList();
        Assert.True(undeclared.Count == 0, "endpoints without a declared access rule:\n" + string.Join("\n", undeclared));
        var missing = endpoints.Where(e => !AuthorizationMatrix.Table.ContainsKey(e.Key)).Select(e => $"[\"{e.Key}\"] = ({Quote(e.Rule)}, \"\"),").ToList();
        Assert.True(missing.Count == 0, "endpoints without a row in AuthorizationMatrix.Table:\n" + string.Join("\n", missing));
        var stale = AuthorizationMatrix.Table.Keys.Except(endpoints.Select(e => e.Key)).ToList();
        Assert.True(stale.Count == 0, "rows for endpoints that do not exist:\n" + string.Join("\n", stale));
        var differing = endpoints.Where(e => AuthorizationMatrix.Table[e.Key].Rule != e.Rule)
            .Select(e => $"{e.Key}: declared {e.Rule}, table {AuthorizationMatrix.Table[e.Key].Rule}").ToList();
        Assert.True(differing.Count == 0, "declared rules that differ from the table:\n" + string.Join("\n", differing));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Every_role_gets_what_the_table_says_at_every_endpoint(string store)
    {
        await using var m = await MatrixPlatform.Start(store);
        // PostgreSQL: the record and case cells (the storage-bound rules); SQLite: every cell.
        var endpoints = m.Endpoints().Where(e => store == "sqlite" || e.Rule is AccessRules.Records or AccessRules.Cases).ToList();
        var report = new StringBuilder();
        var cells = 0;
        foreach (var e in endpoints)
        {
            var observed = new char[AuthorizationMatrix.Roles.Length];
            for (var i = 0; i < observed.Length; i++) observed[i] = await m.Outcome(e, AuthorizationMatrix.Roles[i]);
            cells += observed.Length;
            var row = string.Join("  ", observed);
            var expected = AuthorizationMatrix.Table.TryGetValue(e.Key, out var x) ? x.Cells : null;
            if (expected != row) report.AppendLine($"[\"{e.Key}\"] = ({Quote(e.Rule)}, \"{row}\"),{(expected is null ? "" : $"   // table: \"{expected}\"")}");
        }
        Assert.True(report.Length == 0, $"cells that differ from the table (roles: {string.Join(' ', AuthorizationMatrix.Roles)}):\n{report}");
        Assert.True(cells > (store == "sqlite" ? 900 : 100), $"only {cells} cells ran");
    }

    private static string Quote(string? rule) => rule is null ? "null" : "AccessRules." + typeof(AccessRules).GetFields()
        .FirstOrDefault(f => f.IsLiteral && (string?)f.GetRawConstantValue() == rule)?.Name;
}

/// <summary>An endpoint someone adds without declaring its rule is refused to everyone (fail closed).</summary>
public class UndeclaredEndpointTests
{
    [Fact]
    public async Task An_endpoint_without_a_declared_rule_answers_403_to_everyone()
    {
        using var s = TestStores.Create("sqlite");
        var app = Xinyong.Web.PlatformHost.Build(new Xinyong.Application.Platform.PlatformOptions
        {
            Port = 0, Db = s.Db, Sample = false, Rules = Paths.Rules, KeysDirectory = Path.Combine(s.Folder, "keys"),
            Clock = new ManualClock("2026-11-22T10:00:00+08:00"), SearchRatePerMinute = 0, JobInterval = TimeSpan.FromHours(1),
        });
        app.MapGet("/api/v1/undeclared", () => "secret");
        app.MapGet("/api/v1/declared", () => "open").RequireRule(AccessRules.Public);
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1");
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            var refused = await http.GetAsync("/api/v1/undeclared");
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.DoesNotContain("secret", await refused.Content.ReadAsStringAsync());
            Assert.Contains("未声明访问规则", await refused.Content.ReadAsStringAsync());
            Assert.Equal("open", await http.GetStringAsync("/api/v1/declared"));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
