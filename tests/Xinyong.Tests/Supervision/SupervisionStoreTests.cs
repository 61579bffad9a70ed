using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Identifiers;
using Xinyong.Storage;
using Xinyong.Storage.Supervision;
using Xinyong.Subjects;
using Xinyong.Supervision;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Supervision.SupervisionApiTests;

namespace Xinyong.Tests.Supervision;

/// <summary>
/// The supervision store is persistence only: it answers an outcome (a body that already has its code is not completed;
/// values that make no valid record give their field errors and write nothing) and the desk words the refusal. The
/// case states are a small type that names exactly the states of <c>data/cases/supervision.yaml</c>.
/// </summary>
public sealed class SupervisionStoreTests
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_store_answers_outcomes_instead_of_refusing(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-18T10:00:00+08:00");
        var s = p.Services.GetRequiredService<SupervisionStore>();
        var rules = p.Services.GetRequiredService<SupervisionRules>();
        var now = p.Clock.GetUtcNow();
        using var c = p.Services.GetRequiredService<Database>().Open();
        using var tx = c.BeginTransaction();

        // A body that has its USCC is not completed again: null, and it keeps its code.
        var bureau = s.ResolveBody(c, tx, SubjectIdentity.Of(Uscc.Parse(Bureau)), "哈尔滨市道里区住房和城乡建设局", "230102");
        Assert.Null(s.CompleteBody(c, tx, bureau, SubjectIdentity.Of(Uscc.Parse(Gov("230103", "MB1928375"))), "test", now));
        Assert.Equal(Bureau, s.UsccOf(c, tx, bureau));

        // A body known by its name is completed: it takes the code.
        var named = s.ResolveBody(c, tx, SubjectIdentity.OfGovernmentName("哈尔滨市某某服务中心"), "哈尔滨市某某服务中心", null);
        var code = Gov("230104", "MB1928376");
        Assert.Equal(named, s.CompleteBody(c, tx, named, SubjectIdentity.Of(Uscc.Parse(code)), "test", now));
        Assert.Equal(code, s.UsccOf(c, tx, named));

        // Values that make no valid record: the item and the field errors, and no record is written.
        var bad = s.WriteRecord(c, tx, rules.IntegrityItem, new Dictionary<string, string?> { ["subjectName"] = "哈尔滨市道里区住房和城乡建设局", ["uscc"] = Bureau },
            "哈尔滨市营商环境建设监督局", "test", "测试", now);
        Assert.Null(bad.RecordId);
        Assert.Equal(rules.IntegrityItem, bad.Item.Code);
        Assert.NotEmpty(bad.Errors);
        Assert.All(bad.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
        Assert.Equal(0, c.ExecuteScalar<long>("SELECT COUNT(*) FROM records WHERE subject_id = @bureau", new { bureau }, tx));
    }

    [Fact]
    public void The_state_type_names_the_states_of_the_kind_file()
    {
        var kind = Xinyong.Cases.CaseKindSet.Load(Paths.Rules)["supervision"];
        Assert.Equal(kind.States.Select(x => x.Code), SupervisionState.All.Select(x => x.Code));
        Assert.Equal(SupervisionState.Received.Code, kind.Initial.Code);
        Assert.Equal([SupervisionState.HandedOver, SupervisionState.Rejected, SupervisionState.Closed],
            kind.States.Where(x => x.Final).Select(x => Statuses.Parse<SupervisionState>(x.Code)));
        Assert.Equal(SupervisionState.Accepted, Statuses.Parse<SupervisionState>("accepted"));
        Assert.Throws<FormatException>(() => Statuses.Parse<SupervisionState>("Accepted"));
        Assert.True("closed" == SupervisionState.Closed);
        Assert.Equal("\"handed-over\"", System.Text.Json.JsonSerializer.Serialize(SupervisionState.HandedOver));
    }
}
