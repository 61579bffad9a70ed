using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Lists;

/// <summary>Court files (失信被执行人, the courts' headers), pushes and checks as the lists tests need them.</summary>
internal static class Court
{
    public static readonly string[] Headers =
    [
        "案号", "被执行人姓名/名称", "证件号码/统一社会信用代码", "法定代表人或者负责人姓名", "执行法院", "省份", "执行依据文号", "立案时间",
        "做出执行依据单位", "生效法律文书确定的义务", "被执行人的履行情况", "失信被执行人行为具体情形", "发布时间",
    ];

    /// <summary>One court row: a company or a person listed by a Harbin court, published on <paramref name="published"/>.</summary>
    public static string[] Row(string caseNo, string name, string code, string published = "2026-05-08", string rep = "吴振华") =>
    [
        caseNo, name, code, rep, "哈尔滨市南岗区示例人民法院", "黑龙江", "（2025）黑0103民初5678号", "2026-02-10", "哈尔滨市南岗区示例人民法院",
        "支付货款人民币八十六万元及利息", "全部未履行", "有履行能力而拒不履行生效法律文书确定义务", published,
    ];

    /// <summary>Imports a CSV file of an item; returns the import's JSON answer.</summary>
    public static async Task<JsonElement> Import(HttpClient provider, string item, string[] headers, params string[][] rows)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(item), "item");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Csv(headers, rows)));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", $"{item}.csv");
        var r = await provider.PostAsync("/api/v1/imports", form);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Pushes 双公示 penalty rows (header → value dictionaries).</summary>
    public static async Task Penalties(HttpClient provider, string batch, params string[][] rows)
    {
        var records = rows.Select(r => PenaltyHeaders.Zip(r).ToDictionary(x => x.First, x => x.Second)).ToArray();
        var (status, body, _) = await TestPlatform.PostJson(provider, "/api/v1/records", new { batchId = batch, item = "admin-penalty", records });
        Assert.Equal(200, status);
        Assert.Equal(rows.Length, body.GetProperty("accepted").GetInt32());
    }

    /// <summary>Runs a check; returns the status and the answer.</summary>
    public static async Task<(int Status, JsonElement Body)> Check(HttpClient department, string subject, string scenario)
    {
        var (status, body, _) = await TestPlatform.PostJson(department, "/api/v1/checks", new { subject, scenario });
        return (status, body);
    }

    /// <summary>The measure codes of a successful check.</summary>
    public static async Task<List<string>> Codes(HttpClient department, string subject, string scenario)
    {
        var (status, body) = await Check(department, subject, scenario);
        Assert.Equal(200, status);
        return body.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("code").GetString()!).ToList();
    }

    /// <summary>One measure of a check's answer by code.</summary>
    public static JsonElement Measure(JsonElement answer, string code) =>
        answer.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("code").GetString() == code);

    /// <summary>The id of the one record of an item that a subject has.</summary>
    public static long RecordId(TestPlatform p, string code, string item)
    {
        var s = p.Services.GetRequiredService<SubjectStore>().Find(code)!;
        return p.Services.GetRequiredService<RecordReader>().OfSubject(s.Id).Single(r => r.Item == item).Id;
    }
}
