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
/// Record statuses, list-entry statuses and record publication are small value types: a closed set of codes, a Parse
/// that refuses an unknown code, stored as the same codes as before (no data migration) and sent in JSON as the code.
/// </summary>
public class StatusTypesTests
{
    private static readonly string Co = Uscc("MA1TATU88");

    [Fact]
    public void Each_type_parses_its_codes_and_refuses_an_unknown_one()
    {
        Assert.Equal(RecordStatus.Revoked, RecordStatus.Parse("revoked"));
        Assert.Equal(["active", "revoked", "archived"], RecordStatus.All.Select(s => s.Code));
        Assert.Equal(["active", "ended"], ListEntryStatus.All.Select(s => s.Code));
        Assert.Equal(["published", "not-published", "held"], RecordPublication.All.Select(s => s.Code));
        Assert.Equal(ListEntryStatus.Ended, ListEntryStatus.Parse("ended"));
        Assert.Contains("'Revoked' is not a RecordStatus (active, revoked, archived)", Assert.Throws<FormatException>(() => RecordStatus.Parse("Revoked")).Message);
        Assert.Throws<FormatException>(() => ListEntryStatus.Parse("revoked"));
        Assert.Throws<FormatException>(() => RecordPublication.Parse(""));
        Assert.NotEqual<object>(RecordStatus.Active, ListEntryStatus.Active);   // the same code, two different things
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
            var entry = lists.Add(new ListEntry
            {
                List = Xinyong.Measures.CreditListNames.Dishonesty, SubjectId = subjectId, DecidingUnit = "TEST", DecisionNo = "哈失信〔2026〕9301号",
                Grounds = "测试", Reasons = "测试", Basis = "测试", StartsOn = new DateOnly(2026, 11, 1), DecidedBy = "TEST", DecidedAt = p.Clock.GetUtcNow(),
            });
            Assert.Equal(ListEntryStatus.Active, lists.Get(entry)!.Status);
            lists.End(entry, "lifted", "TEST");
            Assert.Equal(ListEntryStatus.Ended, lists.Get(entry)!.Status);

            // A code the type does not know is refused when read, not carried along as text.
            c.Execute("UPDATE records SET status = 'withdrawn' WHERE id = @id", new { id });
        }
        Assert.ThrowsAny<Exception>(() => reader.Get(id));
    }
}
