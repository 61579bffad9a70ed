using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Publication;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Rules;

/// <summary>
/// Statuses are small value types: a closed set of codes with their Chinese names, a Parse that refuses an unknown code,
/// stored as the same codes as before (no data migration, one generic Dapper handler) and sent in JSON as the code (one
/// converter factory); each type declares only its values.
/// </summary>
public class StatusTypesTests
{
    private static readonly string Co = Uscc("MA1TATU88");

    [Fact]
    public void Each_type_parses_its_codes_and_refuses_an_unknown_one()
    {
        Assert.Equal(RecordStatus.Revoked, Statuses.Parse<RecordStatus>("revoked"));
        Assert.Equal(["active", "revoked", "archived"], RecordStatus.All.Select(s => s.Code));
        Assert.Equal(["active", "ended"], ListEntryStatus.All.Select(s => s.Code));
        Assert.Equal(["published", "not-published", "held"], RecordPublication.All.Select(s => s.Code));
        Assert.Equal(ListEntryStatus.Ended, Statuses.Parse<ListEntryStatus>("ended"));
        Assert.Contains("'Revoked' is not a RecordStatus (active, revoked, archived)", Assert.Throws<FormatException>(() => Statuses.Parse<RecordStatus>("Revoked")).Message);
        Assert.Throws<FormatException>(() => Statuses.Parse<ListEntryStatus>("revoked"));
        Assert.Throws<FormatException>(() => Statuses.Parse<RecordPublication>(""));
        Assert.NotEqual<object>(RecordStatus.Active, ListEntryStatus.Active);   // the same code, two different things
    }

    [Fact]
    public void Every_status_type_has_unique_codes_chinese_names_and_the_shared_parse_json_and_store_handler()
    {
        var types = Statuses.TypesOf();
        Assert.Superset(new HashSet<Type> { typeof(RecordStatus), typeof(ListEntryStatus), typeof(RecordPublication), typeof(Xinyong.Objections.ObjectionStatus),
            typeof(Xinyong.Repairs.RepairStatus), typeof(Xinyong.Commitments.CommitmentOutcome), typeof(Xinyong.Commitments.CommitmentState),
            typeof(Xinyong.Supervision.SupervisionState), typeof(Xinyong.Inspections.DrawStatus), typeof(Xinyong.Complaints.ComplaintState) }, types.ToHashSet());
        Xinyong.Storage.SqlTypeHandlers.Register();
        var check = typeof(StatusTypesTests).GetMethod(nameof(Check), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        foreach (var t in types) check.MakeGenericMethod(t).Invoke(null, null);
    }

    private static void Check<T>() where T : struct, IStatusCode<T>
    {
        Assert.NotEmpty(T.All);
        Assert.Equal(T.All.Count, T.All.Select(s => s.Code).Distinct().Count());
        foreach (var s in T.All)
        {
            Assert.Matches(@"^[a-z]+(-[a-z]+)*$", s.Code);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", s.Chinese);
            Assert.Equal(s, Statuses.Parse<T>(s.Code));
            Assert.Equal(s, Statuses.Of<T>($" {s.Code} "));
            Assert.Equal(s.Chinese, Statuses.Chinese<T>(s.Code));
            Assert.Equal(s.Code, s.ToString());
            Assert.Equal($"\"{s.Code}\"", JsonSerializer.Serialize(s));
            Assert.Equal(s, JsonSerializer.Deserialize<T>($"\"{s.Code}\""));
        }
        Assert.Null(Statuses.Of<T>("no-such-code"));
        Assert.Null(Statuses.Of<T>(null));
        Assert.Equal("no-such-code", Statuses.Chinese<T>("no-such-code"));
        Assert.Throws<FormatException>(() => Statuses.Parse<T>("no-such-code"));
        Assert.True(SqlMapper.HasTypeHandler(typeof(T)), $"{typeof(T).Name} has no store handler");
        Assert.True(SqlMapper.HasTypeHandler(typeof(T?)), $"{typeof(T).Name}? has no store handler");
    }

    [Fact]
    public void The_status_types_of_case_kinds_are_the_kinds_states()
    {
        var kinds = Xinyong.Cases.CaseKindFiles.LoadAll(Path.Combine(Paths.Rules, "cases"));
        Assert.Equal(kinds["objection"].States.Select(s => s.Code), Xinyong.Objections.ObjectionStatus.All.Select(s => s.Code));
        Assert.Equal(kinds["repair"].States.Select(s => s.Code), Xinyong.Repairs.RepairStatus.All.Select(s => s.Code));
        Assert.Equal(kinds["repair"].States.Select(s => s.Name), Xinyong.Repairs.RepairStatus.All.Select(s => s.Chinese));
        Assert.Equal(kinds["commitment"].States.Select(s => (s.Code, s.Name)), Xinyong.Commitments.CommitmentState.All.Select(s => (s.Code, s.Chinese)));
        Assert.Equal(kinds["supervision"].States.Select(s => (s.Code, s.Name)), Xinyong.Supervision.SupervisionState.All.Select(s => (s.Code, s.Chinese)));
        Assert.Equal(kinds["collector-complaint"].States.Select(s => (s.Code, s.Name)), Xinyong.Complaints.ComplaintState.All.Select(s => (s.Code, s.Chinese)));
    }

    [Fact]
    public void Json_carries_the_code_both_ways()
    {
        var json = JsonSerializer.Serialize(new { status = RecordStatus.Archived, entry = ListEntryStatus.Ended, publication = RecordPublication.NotPublished });
        Assert.Equal("""{"status":"archived","entry":"ended","publication":"not-published"}""", json);
        Assert.Equal(RecordStatus.Revoked, JsonSerializer.Deserialize<RecordStatus>("\"revoked\""));
        Assert.Throws<FormatException>(() => JsonSerializer.Deserialize<ListEntryStatus>("\"closed\""));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_stores_keep_the_codes_and_refuse_an_unknown_one_when_read(string store)
    {
        await using var p = await TestPlatform.Start(store);
        await Push(p, "admin-penalty", CompanyPenalty("哈尔滨状态示例有限公司", Co, "哈市监罚〔2026〕9301号"));
        var id = RecordId(p, Co, "哈市监罚〔2026〕9301号");
        var db = p.Services.GetRequiredService<Database>();
        var reader = p.Services.GetRequiredService<RecordReader>();
        Assert.Equal(RecordStatus.Active, reader.Get(id)!.Status);
        Assert.Equal(RecordPublication.Published, reader.Get(id)!.Publication);

        using (var c = db.Open())
        {
            // A status as a parameter is written as its code, and read back as the value.
            c.Execute("UPDATE records SET status = @status WHERE id = @id", new { status = RecordStatus.Archived, id });
            Assert.Equal("archived", c.ExecuteScalar<string>("SELECT status FROM records WHERE id = @id", new { id }));
            Assert.Equal(RecordStatus.Archived, reader.Get(id)!.Status);
            Assert.Equal(1, c.ExecuteScalar<long>("SELECT COUNT(*) FROM records WHERE id = @id AND status = @s", new { id, s = RecordStatus.Archived }));

            var subjectId = c.ExecuteScalar<long>("SELECT subject_id FROM records WHERE id = @id", new { id });
            var lists = p.Services.GetRequiredService<ListStore>();
            var ending = p.Services.GetRequiredService<Xinyong.Application.Lists.ListEnding>();
            var entry = lists.Add(new ListEntry
            {
                List = Xinyong.Measures.CreditListNames.Dishonesty, SubjectId = subjectId, DecidingUnit = "TEST", DecisionNo = "哈失信〔2026〕9301号",
                Grounds = "测试", Reasons = "测试", Basis = "测试", StartsOn = new DateOnly(2026, 11, 1), DecidedBy = "TEST", DecidedAt = p.Clock.GetUtcNow(),
            });
            Assert.Equal(ListEntryStatus.Active, lists.Get(entry)!.Status);
            ending.End(entry, "lifted", "TEST");
            Assert.Equal(ListEntryStatus.Ended, lists.Get(entry)!.Status);

            // A code the type does not know is refused when read, not carried along as text.
            c.Execute("UPDATE records SET status = 'withdrawn' WHERE id = @id", new { id });
        }
        Assert.ThrowsAny<Exception>(() => reader.Get(id));
    }
}
