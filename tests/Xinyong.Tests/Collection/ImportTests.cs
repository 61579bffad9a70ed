using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xinyong.Storage.Accounts;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Collection;

/// <summary>File imports over HTTP and the CLI, on SQLite and PostgreSQL: exact per-row errors, good rows kept, re-import adds nothing.</summary>
public class ImportTests
{
    private static readonly string CoA = Uscc("MA1TEXT01");
    private static readonly string CoB = Uscc("MA1TEXT02");
    private static readonly string Person = ResidentId("19850307", 201);

    /// <summary>Rows 2-9 of a file: 3 good, 5 bad for distinct, named reasons.</summary>
    private static List<string[]> MixedRows() =>
    [
        Penalty("哈尔滨测试甲有限公司", CoA, "哈市监罚〔2026〕1001号"),                                                       // 2 good
        Penalty("哈尔滨测试乙有限公司", CoB[..17] + (CoB[17] == '0' ? '1' : '0'), "哈市监罚〔2026〕1002号"),                 // 3 bad check character
        PersonPenalty("李测试", Person, "哈市监罚〔2026〕1003号"),                                                              // 4 good, natural person
        Penalty("哈尔滨测试乙有限公司", CoB, "", "2026-02-30"),                                                                 // 5 no decision number, no such date
        Penalty("哈尔滨测试乙有限公司", CoB, "哈市监罚〔2026〕1005号"),                                                       // 6 simple procedure (extra column)
        Penalty("哈尔滨测试乙有限公司", CoB, "哈市监罚〔2026〕1006号", overrides: ("罚款金额（万元）", "-1")),                // 7 negative amount
        Penalty("哈尔滨测试乙有限公司", CoB, "哈市监罚〔2026〕1007号", "2026-12-01"),                                          // 8 decided in the future
        Penalty("哈尔滨测试乙有限公司", CoB, "哈市监罚〔2026〕1008号"),                                                       // 9 good
    ];

    /// <summary>The mixed file, with a 处罚程序 column (row 6 says 简易程序).</summary>
    private static string MixedCsv()
    {
        var headers = PenaltyHeaders.Append("处罚程序").ToArray();
        var rows = MixedRows().Select((r, i) => r.Append(i == 4 ? "简易程序" : "普通程序").ToArray());
        return Csv(headers, rows);
    }

    private static void AssertMixedResult(JsonElement r)
    {
        Assert.Equal(3, r.GetProperty("accepted").GetInt32());
        var rejected = r.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([3, 5, 6, 7, 8], rejected.Select(x => x.GetProperty("row").GetInt32()));
        (string Field, string Code) E(int i, int k = 0)
        {
            var e = rejected[i].GetProperty("errors")[k];
            Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("message").GetString()));
            return (e.GetProperty("field").GetString()!, e.GetProperty("code").GetString()!);
        }
        Assert.Equal(("统一社会信用代码", "checksum"), E(0));
        var row5 = rejected[1].GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("field").GetString(), e.GetProperty("code").GetString())).ToList();
        Assert.Contains(("行政处罚决定书文号", "required"), row5);
        Assert.Contains(("处罚决定日期", "invalid-date"), row5);
        Assert.Equal(("处罚程序", "simple-procedure"), E(2));
        Assert.Contains("简易程序", rejected[2].GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(("罚款金额（万元）", "invalid-amount"), E(3));
        Assert.Equal(("处罚决定日期", "future-date"), E(4));
        // Messages are Chinese only (the stable code above is what programs read).
        var msg = rejected[0].GetProperty("errors")[0].GetProperty("message").GetString()!;
        Assert.Equal("统一社会信用代码校验位错误", msg);
    }

    private static byte[] Xlsx(string[] headers, IEnumerable<string[]> rows)
    {
        using var ms = new MemoryStream();
        Xinyong.Synthetic.SyntheticFiles.WriteXlsx(ms, headers, rows);
        return ms.ToArray();
    }

    private static MultipartFormDataContent Form(string item, byte[] file, string name)
    {
        var form = new MultipartFormDataContent { { new StringContent(item), "item" } };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", name);
        return form;
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_file_with_good_and_bad_rows_imports_over_http_with_exact_errors_and_again_adds_nothing(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var token = p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty", "admin-licence");
        var client = p.As(token);
        var bytes = Encoding.UTF8.GetBytes(MixedCsv());

        var first = await client.PostAsync("/api/v1/imports", Form("admin-penalty", bytes, "penalties.csv"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var r1 = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        AssertMixedResult(r1);
        Assert.Equal(0, r1.GetProperty("duplicates").GetInt32());

        // The good rows are readable through the subject API.
        var (status, subject) = await p.GetJson($"/api/v1/subjects/{CoA}");
        Assert.Equal(200, status);
        var rec = Assert.Single(subject.GetProperty("records").EnumerateArray());
        Assert.Equal("admin-penalty", rec.GetProperty("item").GetString());
        Assert.Equal("哈市监罚〔2026〕1001号", rec.GetProperty("fields").GetProperty("decisionNo").GetString());
        (_, subject) = await p.GetJson($"/api/v1/subjects/{CoB}");
        Assert.Equal(["哈市监罚〔2026〕1008号"], subject.GetProperty("records").EnumerateArray().Select(x => x.GetProperty("fields").GetProperty("decisionNo").GetString()));

        // The same file again adds nothing.
        var second = await client.PostAsync("/api/v1/imports", Form("admin-penalty", bytes, "penalties.csv"));
        var r2 = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, r2.GetProperty("accepted").GetInt32());
        Assert.Equal(3, r2.GetProperty("duplicates").GetInt32());
        Assert.Equal(5, r2.GetProperty("rejected").GetArrayLength());
        (_, subject) = await p.GetJson($"/api/v1/subjects/{CoA}");
        Assert.Single(subject.GetProperty("records").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_cli_imports_the_same_file_with_the_same_answer(string store)
    {
        using var s = TestStores.Create(store);
        var keys = Path.Combine(s.Folder, "keys");
        var add = await Xy.Run("provider", "add", "--db", s.Db, "--keys", keys, "--rules", Paths.Rules, "--code", "HRB-SJ", "--name", "哈尔滨市示例市场监督管理局", "--items", "admin-penalty,admin-licence");
        Assert.Equal(0, add.ExitCode);
        Assert.Equal("HRB-SJ", add.Json.GetProperty("code").GetString());
        Assert.StartsWith("xy_", add.Json.GetProperty("token").GetString());

        var file = Path.Combine(s.Folder, "penalties.csv");
        await File.WriteAllTextAsync(file, MixedCsv());
        var r = await Xy.Run("import", "--db", s.Db, "--keys", keys, "--rules", Paths.Rules, "--provider", "HRB-SJ", "--item", "admin-penalty", "--json", file);
        Assert.Equal(0, r.ExitCode);
        AssertMixedResult(r.Json);

        r = await Xy.Run("import", "--db", s.Db, "--keys", keys, "--rules", Paths.Rules, "--provider", "HRB-SJ", "--item", "admin-penalty", "--json", file);
        Assert.Equal(0, r.Json.GetProperty("accepted").GetInt32());
        Assert.Equal(3, r.Json.GetProperty("duplicates").GetInt32());

        var denied = await Xy.Run("import", "--db", s.Db, "--keys", keys, "--rules", Paths.Rules, "--provider", "HRB-SJ", "--item", "court-dishonest", file);
        Assert.Equal(1, denied.ExitCode);
        Assert.Contains("court-dishonest", denied.Err);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Gb18030_csv_xlsx_and_json_lines_import_alike(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var client = p.As(p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty"));
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var gb = System.Text.Encoding.GetEncoding("GB18030");

        var rows = new List<string[]>
        {
            Penalty("黑龙江国标编码测试有限公司", Uscc("MA1GBK001"), "黑市监罚〔2026〕2001号"),
            Penalty("黑龙江国标编码测试有限公司", Uscc("MA1GBK001"), "黑市监罚〔2026〕2002号", overrides: ("统一社会信用代码", "91230100MA1GBK00")),
        };
        var csv = await client.PostAsync("/api/v1/imports", Form("admin-penalty", gb.GetBytes(Csv(PenaltyHeaders, rows)), "gbk.csv"));
        var r = JsonDocument.Parse(await csv.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, r.GetProperty("accepted").GetInt32());
        Assert.Equal(3, r.GetProperty("rejected")[0].GetProperty("row").GetInt32());
        Assert.Equal("length", r.GetProperty("rejected")[0].GetProperty("errors")[0].GetProperty("code").GetString());
        var (_, subject) = await p.GetJson($"/api/v1/subjects/{Uscc("MA1GBK001")}");
        Assert.Equal("黑龙江国标编码测试有限公司", subject.GetProperty("name").GetString());

        var xlsxRows = new List<string[]>
        {
            Penalty("哈尔滨表格测试有限公司", Uscc("MA1XLT001"), "哈市监罚〔2026〕3001号"),
            Penalty("哈尔滨表格测试有限公司", Uscc("MA1XLT001"), "哈市监罚〔2026〕3002号", "2026/9/3"),
            Penalty("哈尔滨表格测试有限公司", Uscc("MA1XLT001"), "哈市监罚〔2026〕3003号", overrides: ("处罚机关", "")),
        };
        var xlsx = await client.PostAsync("/api/v1/imports", Form("admin-penalty", Xlsx(PenaltyHeaders, xlsxRows), "penalties.xlsx"));
        r = JsonDocument.Parse(await xlsx.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2, r.GetProperty("accepted").GetInt32());
        var bad = Assert.Single(r.GetProperty("rejected").EnumerateArray());
        Assert.Equal(4, bad.GetProperty("row").GetInt32());
        Assert.Equal("处罚机关", bad.GetProperty("errors")[0].GetProperty("field").GetString());
        (_, subject) = await p.GetJson($"/api/v1/subjects/{Uscc("MA1XLT001")}");
        Assert.Contains(subject.GetProperty("records").EnumerateArray(), x => x.GetProperty("decidedOn").GetString() == "2026-09-03");

        var jsonl = string.Join("\n",
            JsonSerializer.Serialize(PenaltyHeaders.Zip(Penalty("哈尔滨行式测试有限公司", Uscc("MA1JTL001"), "哈市监罚〔2026〕4001号")).ToDictionary(x => x.First, x => x.Second)),
            "{not json",
            JsonSerializer.Serialize(new Dictionary<string, object> { ["subjectName"] = "哈尔滨行式测试有限公司", ["subjectCategory"] = "法人及非法人组织", ["uscc"] = Uscc("MA1JTL001"), ["decisionNo"] = "哈市监罚〔2026〕4002号", ["violationType"] = "x", ["facts"] = "x", ["basis"] = "x", ["penaltyType"] = "罚款", ["content"] = "x", ["fineWan"] = 1.5, ["decisionDate"] = "2026-08-08", ["authority"] = "某局", ["authorityUscc"] = Authority, ["sourceUnit"] = "某局", ["sourceUnitUscc"] = Authority }));
        var jl = await client.PostAsync("/api/v1/imports", Form("admin-penalty", Encoding.UTF8.GetBytes(jsonl), "penalties.jsonl"));
        r = JsonDocument.Parse(await jl.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2, r.GetProperty("accepted").GetInt32());
        Assert.Equal(2, r.GetProperty("rejected")[0].GetProperty("row").GetInt32());
        Assert.Equal("malformed-json", r.GetProperty("rejected")[0].GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Unknown_columns_are_reported_and_a_file_without_header_is_refused(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var client = p.As(p.Account(AccountKinds.Provider, "HRB-SJ", "某局", "admin-penalty"));
        var csv = Csv(PenaltyHeaders.Append("宗教信仰").ToArray(), [Penalty("哈尔滨未知列测试有限公司", Uscc("MA1UNK001"), "哈市监罚〔2026〕5001号").Append("无").ToArray()]);
        var res = await client.PostAsync("/api/v1/imports", Form("admin-penalty", Encoding.UTF8.GetBytes(csv), "x.csv"));
        var r = JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, r.GetProperty("accepted").GetInt32());
        var w = Assert.Single(r.GetProperty("warnings").EnumerateArray());
        Assert.Equal("宗教信仰", w.GetProperty("field").GetString());
        Assert.Equal("unknown-field", w.GetProperty("code").GetString());
        var (_, subject) = await p.GetJson($"/api/v1/subjects/{Uscc("MA1UNK001")}");
        Assert.DoesNotContain("宗教", subject.GetRawText());

        var empty = await client.PostAsync("/api/v1/imports", Form("admin-penalty", "\n"u8.ToArray(), "empty.csv"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("application/problem+json", empty.Content.Headers.ContentType?.MediaType);
        var unsupported = await client.PostAsync("/api/v1/imports", Form("admin-penalty", "x"u8.ToArray(), "x.pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);
    }
}
